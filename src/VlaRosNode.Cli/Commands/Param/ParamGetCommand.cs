using VlaRosNode.Cli.Commands.Topic;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Param;

/// <summary>`vla param get NODE NAME`: prints e.g. <c>Double value is: 0.5</c>, like `ros2 param get`.</summary>
public sealed class ParamGetCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = ParamTimeout.Declare(new CommandOptions("param get", "NODE NAME", 2, 2)
        .Switch("--hide-type", "print only the value"));

    public ParamGetCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "print a parameter of a node (e.g. vla param get /vla_policy instruction)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var timeout = ParamTimeout.From(flags);
        return ToolSession.Run(Name, error, (node, cancellation) =>
        {
            var line = ParameterTool.Get(node, flags.Positional[0], flags.Positional[1], timeout, cancellation);
            // --hide-type prints only the value: what follows "... is: " / "... are: ".
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            output.WriteLine(flags.Has("--hide-type") && colon > 0 ? line[(colon + 2)..] : line);
            return 0;
        });
    });
}
