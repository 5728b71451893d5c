namespace VlaRosNode.Ros2.Graph;

/// <summary>The ROS 2 release whose wire details we match. Only <c>ros_discovery_info</c> differs between them:
/// Humble's Gid is 24 bytes, Iron's and later ones 16.</summary>
public static class RosDistro
{
    public const string Default = "humble";

    private static readonly HashSet<string> TwentyFourByteGid = ["foxy", "galactic", "humble"];

    /// <summary>The distro named by <paramref name="name"/>, else <c>ROS_DISTRO</c>, else Humble.</summary>
    public static string Resolve(string? name) =>
        (string.IsNullOrWhiteSpace(name) ? Environment.GetEnvironmentVariable("ROS_DISTRO") : name)?.Trim().ToLowerInvariant() is { Length: > 0 } distro
            ? distro
            : Default;

    public static int GidSize(string distro) => TwentyFourByteGid.Contains(distro) ? 24 : 16;
}
