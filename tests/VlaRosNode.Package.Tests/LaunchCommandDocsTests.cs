using System.Text.RegularExpressions;
using VlaRosNode.Package.Tests.LaunchFiles;
using VlaRosNode.Package.Tests.Support;

namespace VlaRosNode.Package.Tests;

/// <summary>Every `ros2 launch vla_ros_node FILE name:=value ...` the documentation and the launch files' own comments
/// show names an existing launch file, only arguments it declares, and every argument it requires.</summary>
public sealed partial class LaunchCommandDocsTests
{
    private static IEnumerable<string> Sources => new[] { "README.md", "ros2_ws/README.md" }
        .Concat(Directory.GetFiles(RepoPaths.Of("docs"), "*.md").Select(f => Path.GetRelativePath(RepoPaths.Root, f)))
        .Concat(LaunchFileSet.Names.Select(n => "launch/" + n))
        .Where(f => File.ReadAllText(RepoPaths.Of(f)).Contains("ros2 launch vla_ros_node ", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal);

    [Test]
    public void TheDocumentationShowsLaunchCommands() =>
        Assert.That(Sources, Does.Contain("ros2_ws/README.md"), "ros2_ws/README.md shows how to launch");

    [TestCaseSource(nameof(Sources))]
    public void LaunchCommandsNameExistingFilesAndTheirArguments(string source)
    {
        var commands = LaunchCommand().Matches(File.ReadAllText(RepoPaths.Of(source))).ToList();
        Assert.That(commands, Is.Not.Empty);
        foreach (var command in commands)
        {
            var file = command.Groups[1].Value;
            Assert.That(LaunchFileSet.Names, Does.Contain(file), $"{source}: {command.Value}");
            var arguments = LaunchFileSet.Read(file).Arguments;
            var given = command.Groups[2].Captures.Select(c => c.Value).ToList();
            Assert.That(given, Is.SubsetOf(arguments.Select(a => a.Name)), $"{source}: {command.Value}");
            Assert.That(arguments.Where(a => a.Default is null).Select(a => a.Name), Is.SubsetOf(given), $"{source}: {command.Value} lacks a required argument");
        }
    }

    // ros2 launch vla_ros_node FILE, then name:=value words (stops at the first other word or the line's end).
    [GeneratedRegex(@"ros2 launch vla_ros_node (\S+\.launch\.(?:py|xml))(?:[ \t]+([a-z_]+):=\S+)*")]
    private static partial Regex LaunchCommand();
}
