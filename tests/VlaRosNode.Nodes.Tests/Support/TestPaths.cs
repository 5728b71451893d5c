namespace VlaRosNode.Nodes.Tests.Support;

internal static class TestPaths
{
    /// <summary>The tiny two-camera fixture package (cameras front and wrist, 16x16 input).</summary>
    public static string FixtureModel => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiny-vla");

    /// <summary>Its one-camera variant (camera front; tools/train/vla_train/fixture_front.py).</summary>
    public static string FrontCameraModel => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiny-vla-front");

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VlaRosNode.sln")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new DirectoryNotFoundException("no VlaRosNode.sln above the test directory");
        }
    }

    public static string Config(string file) => Path.Combine(RepoRoot, "config", file);
}
