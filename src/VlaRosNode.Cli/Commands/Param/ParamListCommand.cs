using VlaRosNode.Cli.Commands.Topic;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Param;

/// <summary>`vla param list NODE`: the node's parameter names, like `ros2 param list NODE`.</summary>
public sealed class ParamListCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = ParamTimeout.Declare(new CommandOptions("param list", "NODE", 1, 1));

    public ParamListCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "list the parameters of a node (through its list_parameters service)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var timeout = ParamTimeout.From(flags);
        return ToolSession.Run(Name, error, (node, cancellation) =>
        {
            foreach (var line in ParameterTool.List(node, flags.Positional[0], timeout, cancellation))
                output.WriteLine(line);
            return 0;
        });
    });
}
