using VlaRosNode.Package.Tests.Support;

namespace VlaRosNode.Package.Tests.LaunchFiles;

/// <summary>Every launch file under launch/, read with the reader for its format.</summary>
internal static class LaunchFileSet
{
    public static IEnumerable<string> Names => Directory.GetFiles(RepoPaths.Of("launch"))
        .Select(Path.GetFileName).OfType<string>().Where(IsLaunchFile).Order(StringComparer.Ordinal);

    public static bool IsLaunchFile(string name) => name.EndsWith(".launch.py", StringComparison.Ordinal) || name.EndsWith(".launch.xml", StringComparison.Ordinal);

    public static LaunchDescriptionInfo Read(string name)
    {
        var path = RepoPaths.Of("launch", name);
        return name.EndsWith(".py", StringComparison.Ordinal) ? PythonLaunchReader.Read(path) : XmlLaunchReader.Read(path);
    }
}
