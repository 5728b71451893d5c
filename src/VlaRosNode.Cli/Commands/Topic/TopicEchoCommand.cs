using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Topic;

/// <summary>`vla topic echo TOPIC [TYPE] [--once] [--qos PROFILE]`: prints messages as YAML, like `ros2 topic echo`.</summary>
public sealed class TopicEchoCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage = "usage: vla topic echo TOPIC [TYPE] [--once] [--times N] [--qos PROFILE[,policy=value...]] [--array-limit N] [--wait SECONDS]";

    public TopicEchoCommand() : this(Console.Out, Console.Error) { }

    public string Name => "topic echo";
    public string Summary => "print the messages of a topic as YAML (--once, --qos sensor_data, ...)";

    public int Run(IReadOnlyList<string> args) => ToolSession.Run(Name, Usage, error, (node, cancellation) =>
    {
        var (positional, options) = ToolSession.Parse(args, ["--qos", "--times", "--array-limit", "--wait"], ["--once"]);
        if (positional.Count is < 1 or > 2)
            throw new FormatException("expected a topic and optionally its type");
        var times = options.ContainsKey("--once") ? 1 : (int)ToolSession.Number(options, "--times", 0);
        var qos = options.TryGetValue("--qos", out var q) ? QosProfile.Parse(q!) : null;
        TopicEcho.Run(node, positional[0], positional.ElementAtOrDefault(1), qos, times,
            (int)ToolSession.Number(options, "--array-limit", 128), output,
            TimeSpan.FromSeconds(ToolSession.Number(options, "--wait", 10)), cancellation);
        return 0;
    });
}
