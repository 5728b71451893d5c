namespace VlaRosNode.Package.Tests.Support;

internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VlaRosNode.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("no VlaRosNode.sln above the test directory");
        }
    }

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The tiny two-camera model package of the policy tests.</summary>
    public static string FixtureModel => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiny-vla");
}
