using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Interface;

/// <summary>`vla interface show TYPE`: the message definition with nested types expanded, like `ros2 interface show`;
/// with `--idl`, the DDS IDL of one or more types (for other DDS vendors' code generators).</summary>
public sealed class InterfaceShowCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public InterfaceShowCommand() : this(Console.Out, Console.Error) { }

    public string Name => "interface show";
    public string Summary => "show a message definition (e.g. sensor_msgs/msg/Image)";

    public int Run(IReadOnlyList<string> args)
    {
        var idl = args.Contains("--idl");
        var types = args.Where(a => a != "--idl").ToList();
        if (types.Count == 0 || (!idl && types.Count != 1))
        {
            error.WriteLine("usage: vla interface show TYPE | vla interface show --idl TYPE...");
            return 2;
        }
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
    }
}
