using VlaRosNode.Cli.Commands.Topic;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Param;

/// <summary>`vla param set NODE NAME VALUE`: VALUE is YAML (<c>0.5</c>, <c>true</c>, <c>[a, b]</c>) as in `ros2 param set`;
/// prints "Set parameter successful", or "Setting parameter failed: REASON" on standard error and exits 1.</summary>
public sealed class ParamSetCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage = "usage: vla param set NODE NAME VALUE [--timeout SECONDS]";

    public ParamSetCommand() : this(Console.Out, Console.Error) { }

    public string Name => "param set";
    public string Summary => "set a parameter of a running node (the node may refuse: type, range, read-only, its own checks)";

    public int Run(IReadOnlyList<string> args) => ToolSession.Run(Name, Usage, error, (node, cancellation) =>
    {
        var (positional, options) = ToolSession.Parse(args, ["--timeout"], []);
        if (positional.Count != 3)
            throw new FormatException("expected a node name, a parameter name and a value");
        var (accepted, message) = ParameterTool.Set(node, positional[0], positional[1], positional[2], ParamTimeout.From(options), cancellation);
        (accepted ? output : error).WriteLine(message);
        return accepted ? 0 : 1;
    });
}
