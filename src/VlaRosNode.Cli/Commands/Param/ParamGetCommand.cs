using VlaRosNode.Cli.Commands.Topic;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Param;

/// <summary>`vla param get NODE NAME`: prints e.g. <c>Double value is: 0.5</c>, like `ros2 param get`.</summary>
public sealed class ParamGetCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage = "usage: vla param get NODE NAME [--hide-type] [--timeout SECONDS]";

    public ParamGetCommand() : this(Console.Out, Console.Error) { }

    public string Name => "param get";
    public string Summary => "print a parameter of a node (e.g. vla param get /vla_policy_node control_rate)";

    public int Run(IReadOnlyList<string> args) => ToolSession.Run(Name, Usage, error, (node, cancellation) =>
    {
        var (positional, options) = ToolSession.Parse(args, ["--timeout"], ["--hide-type"]);
        if (positional.Count != 2)
            throw new FormatException("expected a node name and a parameter name");
        var line = ParameterTool.Get(node, positional[0], positional[1], ParamTimeout.From(options), cancellation);
        // --hide-type prints only the value: what follows "... is: " / "... are: ".
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        output.WriteLine(options.ContainsKey("--hide-type") && colon > 0 ? line[(colon + 2)..] : line);
        return 0;
    });
}
