using VlaRosNode.Package.Tests.LaunchFiles;
using VlaRosNode.Package.Tests.Support;

namespace VlaRosNode.Package.Tests;

/// <summary>
/// The include checks fail when they should: each test breaks one thing in a copy of launch/ and config/ (laid out as
/// our share folder) and expects the reader or the checks to name it.
/// </summary>
public sealed class LaunchIncludeTests
{
    private string _share = "";

    [SetUp]
    public void CopyShareFolder()
    {
        _share = Directory.CreateTempSubdirectory("vla-launch-").FullName;
        foreach (var folder in new[] { "launch", "config" })
            foreach (var file in Directory.GetFiles(RepoPaths.Of(folder), "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(_share, folder, Path.GetRelativePath(RepoPaths.Of(folder), file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
    }

    [TearDown]
    public void RemoveCopy() => Directory.Delete(_share, recursive: true);

    [Test]
    public void TheUnbrokenCopyPasses()
    {
        var checks = new LaunchFileChecks(_share);
        foreach (var file in LaunchFileSet.Names)
        {
            var launch = LaunchFileSet.Read(_share, file);
            Assert.That(checks.ParameterProblems(file, launch).Concat(checks.MissingFiles(file, launch)), Is.Empty, file);
        }
    }

    [TestCase("real_arm.launch.py", "\"policy.launch.py\"", "\"policy_node.launch.py\"")]
    [TestCase("real_arm.launch.xml", "/launch/policy.launch.xml", "/launch/policy_node.launch.xml")]
    public void IncludedFileThatDoesNotExist(string file, string text, string broken)
    {
        Break(file, text, broken);
        Assert.That(ReadError(file), Does.StartWith(file).And.Contain("policy_node.launch").And.EndWith("does not exist"));
    }

    [TestCase("gazebo.launch.py", "\"dyq_map_file\": LaunchConfiguration", "\"dyq_mapfile\": LaunchConfiguration")]
    [TestCase("gazebo.launch.xml", "<arg name=\"dyq_map_file\" value=", "<arg name=\"dyq_mapfile\" value=")]
    public void ArgumentTheIncludedFileDoesNotDeclare(string file, string text, string broken)
    {
        Break(file, text, broken);
        Assert.That(ReadError(file), Does.Contain("passes argument 'dyq_mapfile', which the included file does not declare"));
    }

    [Test]
    public void RequiredArgumentNotPassed()
    {
        File.WriteAllText(Path.Combine(_share, "launch", "bare.launch.xml"),
            "<launch>\n  <include file=\"$(find-pkg-share vla_ros_node)/launch/policy.launch.xml\"/>\n</launch>\n");
        Assert.That(ReadError("bare.launch.xml"), Does.Contain("does not pass 'model_package', which the included file requires"));
    }

    [TestCase("real_arm.launch.py", "                \"robot\": LaunchConfiguration(\"robot\"),\n")]
    [TestCase("real_arm.launch.xml", "    <arg name=\"robot\" value=\"$(var robot)\"/>\n")]
    public void SharedArgumentLeftToTheUnscopedInclude(string file, string passLine)
    {
        Break(file, passLine, "");
        Assert.That(ReadError(file), Does.Contain("both files declare 'robot'"));
    }

    [Test]
    public void SharedArgumentPassedAsAnotherValue()
    {
        Break("bag_replay.launch.xml", "<arg name=\"robot\" value=\"$(var robot)\"/>", "<arg name=\"robot\" value=\"ur5e\"/>");
        Assert.That(ReadError("bag_replay.launch.xml"), Does.Contain("passes 'robot' as 'ur5e'"));
    }

    [TestCase("policy.launch.py", "\"dyq.enable\":", "\"dyq.enabel\":", "real_arm.launch.py")]
    [TestCase("policy.launch.xml", "name=\"dyq.enable\"", "name=\"dyq.enabel\"", "simulator.launch.xml")]
    public void ParameterMisspeltInTheIncludedFile(string included, string text, string broken, string includer)
    {
        Break(included, text, broken);
        var problems = new LaunchFileChecks(_share).ParameterProblems(includer, LaunchFileSet.Read(_share, includer));
        Assert.That(problems, Has.Some.Contains("does not declare parameter dyq.enabel"));
    }

    [TestCase("simulator.launch.py", "\"policy_node.sim.yaml\"", "\"policy_node.simm.yaml\"")]
    [TestCase("simulator.launch.xml", "config/policy_node.sim.yaml", "config/policy_node.simm.yaml")]
    public void ParameterFilePassedToTheIncludeThatDoesNotExist(string file, string text, string broken)
    {
        Break(file, text, broken);
        var problems = new LaunchFileChecks(_share).ParameterProblems(file, LaunchFileSet.Read(_share, file));
        Assert.That(problems, Has.Some.Contains("policy_node.simm.yaml does not exist"));
    }

    [TestCase("policy.launch.py", "executable=\"vla_policy_node\"", "executable=\"vla_policy_nod\"", "gazebo.launch.py")]
    [TestCase("policy.launch.xml", "exec=\"vla_policy_node\"", "exec=\"vla_policy_nod\"", "gazebo.launch.xml")]
    public void ExecutableThatIsNotInstalledInTheIncludedFile(string included, string text, string broken, string includer)
    {
        Break(included, text, broken);
        var problems = new LaunchFileChecks(_share).ExecutableAndPackageProblems(includer, LaunchFileSet.Read(_share, includer));
        Assert.That(problems, Has.Some.Contains("executable vla_policy_nod is not installed"));
    }

    private void Break(string file, string text, string broken)
    {
        var path = Path.Combine(_share, "launch", file);
        var content = File.ReadAllText(path);
        Assert.That(content, Does.Contain(text), $"{file} no longer has the text this test breaks");
        File.WriteAllText(path, content.Replace(text, broken, StringComparison.Ordinal));
    }

    private string ReadError(string file) => Assert.Throws<InvalidDataException>(() => LaunchFileSet.Read(_share, file))!.Message;
}
