using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Topic;

/// <summary>`vla topic pub TOPIC TYPE 'YAML' [--rate HZ] [--once]`: publishes a message, like `ros2 topic pub`.</summary>
public sealed class TopicPubCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("topic pub", "TOPIC TYPE ['YAML']", 2, 3)
        .Value("--rate", "HZ", "publishing rate", defaultValue: "1", aliases: "-r")
        .Switch("--once", "publish one message and exit", "-1")
        .Value("--times", "N", "publish N messages and exit")
        .Value("--qos", "PROFILE[,policy=value...]", ToolSession.QosHelp);

    public TopicPubCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "publish a message given as YAML (--rate HZ, default 1; --once)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var times = flags.Has("--once") ? 1 : flags.Has("--times") ? flags.Integer("--times", 1, int.MaxValue) : 0;
        var rate = flags.Number("--rate", above: 0);
        var qos = ToolSession.Qos(flags) ?? QosProfile.Default;
        var (topic, type, yaml) = (flags.Positional[0], flags.Positional[1], flags.Positional.ElementAtOrDefault(2) ?? "{}");
        return ToolSession.Run(Name, error, (node, cancellation) =>
        {
            TopicPublish.Run(node, topic, type, yaml, rate, times, qos, output, cancellation);
            return 0;
        });
    });
}
