using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Interface;

/// <summary>`vla interface show TYPE`: the message definition with nested types expanded, like `ros2 interface show`;
/// with `--idl`, the DDS IDL of one or more types (for other DDS vendors' code generators).</summary>
public sealed class InterfaceShowCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("interface show", "TYPE...", 1, int.MaxValue)
        .Switch("--idl", "print the DDS IDL of every TYPE instead of the definition of one");

    public InterfaceShowCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "show a message definition (e.g. sensor_msgs/msg/Image)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var idl = flags.Has("--idl");
        var types = flags.Positional;
        if (!idl && types.Count != 1)
            throw new UsageException("without --idl, give exactly one TYPE");
        try
        {
            output.Write(idl ? IdlWriter.Write(types) : InterfaceText.Show(types[0]));
            return 0;
        }
        catch (ToolError e)
        {
            error.WriteLine($"vla interface show: {e.Message}");
            return 1;
        }
    });
}
