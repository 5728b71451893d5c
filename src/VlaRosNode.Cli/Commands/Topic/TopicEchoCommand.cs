using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Topic;

/// <summary>`vla topic echo TOPIC [TYPE] [--once] [--qos PROFILE]`: prints messages as YAML, like `ros2 topic echo`.</summary>
public sealed class TopicEchoCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("topic echo", "TOPIC [TYPE]", 1, 2)
        .Switch("--once", "print one message and exit")
        .Value("--times", "N", "print N messages and exit")
        .Value("--qos", "PROFILE[,policy=value...]", ToolSession.QosHelp)
        .Value("--array-limit", "N", "longest array printed in full", defaultValue: "128")
        .Value("--wait", "SECONDS", "how long to wait for a publisher to learn the type", defaultValue: "10");

    public TopicEchoCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "print the messages of a topic as YAML (--once, --qos sensor_data, ...)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var times = flags.Has("--once") ? 1 : flags.Has("--times") ? flags.Integer("--times", 1, int.MaxValue) : 0;
        var qos = ToolSession.Qos(flags);
        var arrayLimit = flags.Integer("--array-limit", 1, int.MaxValue);
        var wait = TimeSpan.FromSeconds(flags.Number("--wait", above: 0));
        return ToolSession.Run(Name, error, (node, cancellation) =>
        {
            TopicEcho.Run(node, flags.Positional[0], flags.Positional.ElementAtOrDefault(1), qos, times, arrayLimit, output, wait, cancellation);
            return 0;
        });
    });
}
