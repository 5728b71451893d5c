namespace VlaRosNode.Messages;

/// <summary>Every generated message type (the list itself is generated from interfaces/**/*.msg), and the request and
/// response types of every service (interfaces/**/*.srv).</summary>
public static partial class MessageRegistry
{
    private static readonly Dictionary<string, MessageTypeInfo> ByName = BuildIndex();

    /// <summary>All message types, ordered by ROS name.</summary>
    public static IReadOnlyList<MessageTypeInfo> All { get; } = GeneratedTypes();

    /// <summary>Request and response types of all services (<c>pkg/srv/Name_Request</c>), ordered by ROS name.</summary>
    public static IReadOnlyList<MessageTypeInfo> ServiceParts { get; } = GeneratedServiceTypes();

    /// <summary>Finds a type by ROS name (<c>sensor_msgs/msg/Image</c>), short ROS name (<c>sensor_msgs/Image</c>)
    /// or DDS name (<c>sensor_msgs::msg::dds_::Image_</c>).</summary>
    public static MessageTypeInfo? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Like <see cref="Find"/>, but an unknown name is a <see cref="KeyNotFoundException"/> listing the known ones.</summary>
    public static MessageTypeInfo Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException(
            $"unknown message type '{name}'; known: {string.Join(", ", GeneratedTypes().Select(t => t.RosName))}");

    private static partial MessageTypeInfo[] GeneratedTypes();

    private static partial MessageTypeInfo[] GeneratedServiceTypes();

    private static Dictionary<string, MessageTypeInfo> BuildIndex()
    {
        var index = new Dictionary<string, MessageTypeInfo>(StringComparer.Ordinal);
        foreach (var info in GeneratedTypes().Concat(GeneratedServiceTypes()))
        {
            index[info.RosName] = info;
            index[info.RosName.Replace("/msg/", "/")] = info; // sensor_msgs/Image; service parts keep their /srv/
            index[info.DdsName] = info;
        }
        return index;
    }
}
