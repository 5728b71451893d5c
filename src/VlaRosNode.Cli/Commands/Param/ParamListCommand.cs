using VlaRosNode.Cli.Commands.Topic;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Param;

/// <summary>`vla param list NODE`: the node's parameter names, like `ros2 param list NODE`.</summary>
public sealed class ParamListCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage = "usage: vla param list NODE [--timeout SECONDS]";

    public ParamListCommand() : this(Console.Out, Console.Error) { }

    public string Name => "param list";
    public string Summary => "list the parameters of a node (through its list_parameters service)";

    public int Run(IReadOnlyList<string> args) => ToolSession.Run(Name, Usage, error, (node, cancellation) =>
    {
        var (positional, options) = ToolSession.Parse(args, ["--timeout"], []);
        if (positional.Count != 1)
            throw new FormatException("expected one node name");
        foreach (var line in ParameterTool.List(node, positional[0], ParamTimeout.From(options), cancellation))
            output.WriteLine(line);
        return 0;
    });
}
