using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Topic;

/// <summary>`vla topic hz TOPIC [TYPE] [--window N]`: prints the receive rate every second, like `ros2 topic hz`.</summary>
public sealed class TopicHzCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("topic hz", "TOPIC [TYPE]", 1, 2)
        .Value("--window", "N", "messages the rate is averaged over", defaultValue: "10000", aliases: "-w")
        .Value("--qos", "PROFILE[,policy=value...]", ToolSession.QosHelp)
        .Value("--wait", "SECONDS", "how long to wait for a publisher to learn the type", defaultValue: "10");

    public TopicHzCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "print the message rate of a topic every second";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var window = flags.Integer("--window", 1, int.MaxValue);
        var qos = ToolSession.Qos(flags);
        var wait = TimeSpan.FromSeconds(flags.Number("--wait", above: 0));
        return ToolSession.Run(Name, error, (node, cancellation) =>
        {
            TopicHz.Run(node, flags.Positional[0], flags.Positional.ElementAtOrDefault(1), qos, window, output, wait, cancellation);
            return 0;
        });
    });
}
