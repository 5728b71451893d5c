using Microsoft.Extensions.Logging;
using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Ros2.Tests.Arguments;

public sealed class RosArgumentsTests
{
    [Test]
    public void ParsesEveryKindOfRosArgumentAndKeepsTheRest()
    {
        var args = RosArguments.Parse(["--model", "m.onnx", "--ros-args", "-r", "chatter:=talk", "-r", "__node:=renamed", "-r", "__ns:=/robot",
            "-p", "rate:=30.5", "--param", "names:=[a, b]", "--log-level", "debug", "--log-level", "robot.renamed:=ERROR", "--", "--extra"]);
        Assert.That(args.UserArguments, Is.EqualTo(new[] { "--model", "m.onnx", "--extra" }));
        Assert.That(args.Remaps, Is.EqualTo(new[] { new RemapRule(null, "chatter", "talk"), new RemapRule(null, "__node", "renamed"), new RemapRule(null, "__ns", "/robot") }));
        Assert.That(args.ParameterOverrides.Select(p => (p.Name, p.Value.Type)), Is.EqualTo(new[] { ("rate", ParameterType.Double), ("names", ParameterType.StringArray) }));
        Assert.That(args.LogLevel, Is.EqualTo(LogLevel.Debug));
        Assert.That(args.LoggerLevels["robot.renamed"], Is.EqualTo(LogLevel.Error));
        Assert.That(args.ResolveNodeIdentity("talker", "/"), Is.EqualTo(("renamed", "/robot")));
    }

    [Test]
    public void NodeSpecificRenameWinsOverGlobalAndOnlyAppliesToThatNode()
    {
        var args = RosArguments.Parse(["--ros-args", "-r", "talker:__node:=special", "-r", "__node:=everyone"]);
        Assert.That(args.ResolveNodeIdentity("talker", "/").Name, Is.EqualTo("special"));
        Assert.That(args.ResolveNodeIdentity("listener", "/").Name, Is.EqualTo("everyone"));
    }

    [TestCase(new[] { "--ros-args", "-r" }, "needs a value")]
    [TestCase(new[] { "--ros-args", "-r", "nothing" }, "name:=value")]
    [TestCase(new[] { "--ros-args", "-p", "x=1" }, "name:=value")]
    [TestCase(new[] { "--ros-args", "--log-level", "LOUD" }, "unknown log level 'LOUD'")]
    [TestCase(new[] { "--ros-args", "--bogus" }, "unknown ROS argument '--bogus'")]
    public void BadArgumentsSayWhatIsWrong(string[] argv, string expected)
    {
        var error = Assert.Throws<RosArgumentException>(() => RosArguments.Parse(argv));
        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void MissingParameterFileNamesThePath()
    {
        var error = Assert.Throws<ParameterException>(() => RosArguments.Parse(["--ros-args", "--params-file", "/nonexistent/params.yaml"]));
        Assert.That(error!.Message, Does.Contain("/nonexistent/params.yaml"));
    }
}
