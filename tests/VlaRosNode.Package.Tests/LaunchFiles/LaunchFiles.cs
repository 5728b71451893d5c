using VlaRosNode.Package.Tests.Support;

namespace VlaRosNode.Package.Tests.LaunchFiles;

/// <summary>Every launch file under launch/, read with the reader for its format, its includes of our package followed.</summary>
internal static class LaunchFileSet
{
    public const string OwnPackage = "vla_ros_node";

    public static IEnumerable<string> Names => Directory.GetFiles(RepoPaths.Of("launch"))
        .Select(Path.GetFileName).OfType<string>().Where(IsLaunchFile).Order(StringComparer.Ordinal);

    public static bool IsLaunchFile(string name) => name.EndsWith(".launch.py", StringComparison.Ordinal) || name.EndsWith(".launch.xml", StringComparison.Ordinal);

    /// <summary>launch/<paramref name="name"/> of the repository, which is what share/vla_ros_node/ holds.</summary>
    public static LaunchDescriptionInfo Read(string name) => Read(RepoPaths.Root, name);

    /// <summary>launch/<paramref name="name"/> of <paramref name="share"/>, a folder laid out like our share folder.</summary>
    public static LaunchDescriptionInfo Read(string share, string name) =>
        new IncludeResolver(OwnPackage, share, ReadFile).Resolve(Path.Combine(share, "launch", name));

    /// <summary>One file as written, includes not followed.</summary>
    public static LaunchDescriptionInfo ReadFile(string path) =>
        path.EndsWith(".py", StringComparison.Ordinal) ? PythonLaunchReader.Read(path) : XmlLaunchReader.Read(path);
}
