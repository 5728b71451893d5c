using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Topic;

/// <summary>`vla topic list [-t] [--spin-time S]`: the topics in the graph, like `ros2 topic list`.</summary>
public sealed class TopicListCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("topic list")
        .Switch("--show-types", "print each topic's types", "-t")
        .Value("--spin-time", "SECONDS", "how long discovery runs before listing", defaultValue: "1.5");

    public TopicListCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "list the topics of the ROS 2 graph (-t: with types)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var showTypes = flags.Has("--show-types");
        var spinTime = TimeSpan.FromSeconds(flags.Number("--spin-time", above: 0));
        return ToolSession.Run(Name, error, (node, cancellation) =>
        {
            // Discovery needs a moment: endpoints of running nodes arrive within it.
            cancellation.WaitHandle.WaitOne(spinTime);
            foreach (var topic in GraphQuery.Topics(node.Context.GetEndpoints()))
                output.WriteLine(showTypes ? $"{topic.Name} [{string.Join(", ", topic.Types)}]" : topic.Name);
            return 0;
        });
    });
}
