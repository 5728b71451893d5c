namespace VlaRosNode.Messages.Tests;

/// <summary>Files of the repository the tests read (found by walking up from the test binaries).</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "VlaRosNode.sln")))
                dir = dir.Parent;
            Assert.That(dir, Is.Not.Null, "repository root (VlaRosNode.sln) not found above the test directory");
            return dir!.FullName;
        }
    }

    public static string MsgFile(string package, string name) => Path.Combine(Root, "interfaces", package, "msg", name + ".msg");

    public static string CrossCheckDir => Path.Combine(Root, "tests", "messages-crosscheck");

    public static string FoxgloveFixture => Path.Combine(Root, "tests", "VlaRosNode.Messages.Tests", "Fixtures", "foxglove-cdr.json");
}
