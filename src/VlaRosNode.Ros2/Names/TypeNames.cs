namespace VlaRosNode.Ros2.Names;

/// <summary>ROS type names (<c>pkg/msg/Type</c>) and their DDS spelling (<c>pkg::msg::dds_::Type_</c>).</summary>
public static class TypeNames
{
    /// <summary><c>pkg/msg/Type</c> or <c>pkg/Type</c> to <c>pkg::msg::dds_::Type_</c>; a DDS name is returned as is.</summary>
    public static string ToDds(string rosType)
    {
        if (rosType.Contains("::", StringComparison.Ordinal))
            return rosType;
        var parts = rosType.Split('/');
        return parts.Length switch
        {
            2 when parts.All(p => p.Length > 0) => $"{parts[0]}::msg::dds_::{parts[1]}_",
            3 when parts.All(p => p.Length > 0) => $"{parts[0]}::{parts[1]}::dds_::{parts[2]}_",
            _ => throw new ArgumentException($"'{rosType}' is not a ROS type name like pkg/msg/Type"),
        };
    }

    /// <summary><c>pkg::msg::dds_::Type_</c> to <c>pkg/msg/Type</c>; other names are returned unchanged.</summary>
    public static string FromDds(string ddsType)
    {
        var parts = ddsType.Split("::");
        return parts.Length == 4 && parts[2] == "dds_" && parts[3].EndsWith('_')
            ? $"{parts[0]}/{parts[1]}/{parts[3][..^1]}"
            : ddsType;
    }
}
