using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Topic;

/// <summary>`vla topic pub TOPIC TYPE 'YAML' [--rate HZ] [--once]`: publishes a message, like `ros2 topic pub`.</summary>
public sealed class TopicPubCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage = "usage: vla topic pub TOPIC TYPE ['YAML'] [--rate HZ] [--once | --times N] [--qos PROFILE[,policy=value...]]";

    public TopicPubCommand() : this(Console.Out, Console.Error) { }

    public string Name => "topic pub";
    public string Summary => "publish a message given as YAML (--rate HZ, default 1; --once)";

    public int Run(IReadOnlyList<string> args) => ToolSession.Run(Name, Usage, error, (node, cancellation) =>
    {
        var (positional, options) = ToolSession.Parse(args, ["--rate", "-r", "--times", "--qos"], ["--once", "-1"]);
        if (positional.Count is < 2 or > 3)
            throw new FormatException("expected a topic, a type and optionally the message as YAML");
        var times = options.ContainsKey("--once") || options.ContainsKey("-1") ? 1 : (int)ToolSession.Number(options, "--times", 0);
        var rate = ToolSession.Number(options, "--rate", ToolSession.Number(options, "-r", 1));
        var qos = options.TryGetValue("--qos", out var q) ? QosProfile.Parse(q!) : QosProfile.Default;
        TopicPublish.Run(node, positional[0], positional[1], positional.ElementAtOrDefault(2) ?? "{}", rate, times, qos, output, cancellation);
        return 0;
    });
}
