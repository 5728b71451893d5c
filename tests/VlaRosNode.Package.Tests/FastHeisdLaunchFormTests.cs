using System.Text.RegularExpressions;
using VlaRosNode.Package.Tests.LaunchFiles;
using VlaRosNode.Package.Tests.Support;
using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Package.Tests;

/// <summary>config/policy_node.heisd-fast.yaml cannot be given to a launch file (its arguments come after the parameter
/// files and would override it), so its comment shows the same setting as launch arguments. That command, evaluated
/// through the launch file and its include, must give the policy node every value the file sets.</summary>
public sealed partial class FastHeisdLaunchFormTests
{
    private const string FastFile = "policy_node.heisd-fast.yaml";

    [Test]
    public void LaunchArgumentsInTheFilesCommentSetWhatTheFileSets()
    {
        var text = File.ReadAllText(RepoPaths.Of("config", FastFile));
        var command = LaunchCommand().Match(text);
        Assert.That(command.Success, Is.True, $"{FastFile} shows a `ros2 launch` command");
        var given = command.Groups[2].Captures.Zip(command.Groups[3].Captures).ToDictionary(p => p.First.Value, p => p.Second.Value);
        var launch = LaunchFileSet.Read(command.Groups[1].Value);
        var arguments = launch.Arguments.Select(a => given.TryGetValue(a.Name, out var value) ? a with { Default = value } : a).ToList();
        var substitutions = new Substitutions(arguments, LaunchFileSet.OwnPackage, RepoPaths.Root);
        var node = launch.Nodes.Single(n => n.Executable == "vla_policy_node");

        var fileValues = ParameterFile.Load(RepoPaths.Of("config", FastFile)).ValuesFor("/" + node.Name);
        Assert.That(fileValues.Keys, Is.SupersetOf(new[] { "precision", "decoding_mode", "heisd.top_k" }));
        foreach (var (name, value) in fileValues.Where(p => p.Key != "datastore_file")) // the file leaves the user's datastore empty
        {
            var launched = node.Parameters.SingleOrDefault(p => p.Name == name);
            Assert.That(launched, Is.Not.Null, $"the launch file has no argument for {name}");
            Assert.That(ParameterValue.Parse(substitutions.Evaluate(launched!.Value)!, name), Is.EqualTo(value), name);
        }
        Assert.That(given, Does.ContainKey("datastore_file"), "the command names a datastore");
    }

    // ros2 launch vla_ros_node FILE, then name:=value words.
    [GeneratedRegex(@"ros2 launch vla_ros_node (\S+\.launch\.(?:py|xml))(?:[ \t]+([a-z_]+):=(\S+))*")]
    private static partial Regex LaunchCommand();
}
