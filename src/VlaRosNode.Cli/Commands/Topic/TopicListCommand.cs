using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Topic;

/// <summary>`vla topic list [-t] [--spin-time S]`: the topics in the graph, like `ros2 topic list`.</summary>
public sealed class TopicListCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage = "usage: vla topic list [-t|--show-types] [--spin-time SECONDS]";

    public TopicListCommand() : this(Console.Out, Console.Error) { }

    public string Name => "topic list";
    public string Summary => "list the topics of the ROS 2 graph (-t: with types)";

    public int Run(IReadOnlyList<string> args) => ToolSession.Run(Name, Usage, error, (node, cancellation) =>
    {
        var (positional, options) = ToolSession.Parse(args, ["--spin-time"], ["-t", "--show-types"]);
        if (positional.Count > 0)
            throw new FormatException($"unexpected argument '{positional[0]}'");
        var showTypes = options.ContainsKey("-t") || options.ContainsKey("--show-types");
        // Discovery needs a moment: endpoints of running nodes arrive within it.
        cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(ToolSession.Number(options, "--spin-time", 1.5)));
        foreach (var topic in GraphQuery.Topics(node.Context.GetEndpoints()))
            output.WriteLine(showTypes ? $"{topic.Name} [{string.Join(", ", topic.Types)}]" : topic.Name);
        return 0;
    });
}
