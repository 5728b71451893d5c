using VlaRosNode.Cli.Commands.Topic;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Param;

/// <summary>`vla param set NODE NAME VALUE`: VALUE is YAML (<c>0.5</c>, <c>true</c>, <c>[a, b]</c>) as in `ros2 param set`;
/// prints "Set parameter successful", or "Setting parameter failed: REASON" on standard error and exits 1.</summary>
public sealed class ParamSetCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = ParamTimeout.Declare(new CommandOptions("param set", "NODE NAME VALUE", 3, 3));

    public ParamSetCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "set a parameter of a running node (the node may refuse: type, range, read-only, its own checks)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var timeout = ParamTimeout.From(flags);
        return ToolSession.Run(Name, error, (node, cancellation) =>
        {
            var (accepted, message) = ParameterTool.Set(node, flags.Positional[0], flags.Positional[1], flags.Positional[2], timeout, cancellation);
            (accepted ? output : error).WriteLine(message);
            return accepted ? 0 : 1;
        });
    });
}
