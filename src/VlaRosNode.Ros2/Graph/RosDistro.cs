namespace VlaRosNode.Ros2.Graph;

/// <summary>The ROS 2 release whose wire details we match: Humble's Gid in <c>ros_discovery_info</c> is 24 bytes,
/// Iron's and later ones 16, and those also carry type hashes in endpoint USER_DATA.</summary>
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

    /// <summary>Iron and later put REP-2011 type hashes (<c>typehash=</c>) in endpoint USER_DATA.</summary>
    public static bool HasTypeHashes(string distro) => !TwentyFourByteGid.Contains(distro);
}
