using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Topic;

/// <summary>`vla topic hz TOPIC [TYPE] [--window N]`: prints the receive rate every second, like `ros2 topic hz`.</summary>
public sealed class TopicHzCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage = "usage: vla topic hz TOPIC [TYPE] [--window N] [--qos PROFILE] [--wait SECONDS]";

    public TopicHzCommand() : this(Console.Out, Console.Error) { }

    public string Name => "topic hz";
    public string Summary => "print the message rate of a topic every second";

    public int Run(IReadOnlyList<string> args) => ToolSession.Run(Name, Usage, error, (node, cancellation) =>
    {
        var (positional, options) = ToolSession.Parse(args, ["--window", "-w", "--qos", "--wait"], []);
        if (positional.Count is < 1 or > 2)
            throw new FormatException("expected a topic and optionally its type");
        var window = (int)ToolSession.Number(options, "--window", ToolSession.Number(options, "-w", 10000));
        var qos = options.TryGetValue("--qos", out var q) ? QosProfile.Parse(q!) : null;
        TopicHz.Run(node, positional[0], positional.ElementAtOrDefault(1), qos, window, output,
            TimeSpan.FromSeconds(ToolSession.Number(options, "--wait", 10)), cancellation);
        return 0;
    });
}
