using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Ros2;

namespace VlaRosNode.Cli.Commands.Policy;

/// <summary>
/// `vla policy run`: the policy node, taking exactly what `ros2 run` / `ros2 launch` pass
/// (<c>--ros-args -r __node:=NAME -r __ns:=/NS --params-file FILE -p name:=value --log-level LEVEL</c>).
/// Exits 1 without commanding anything when the model, the arm model or a parameter is bad.
/// </summary>
public sealed class PolicyRunCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public PolicyRunCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => "policy run";
    public string Summary => "run the VLA policy node (--ros-args --params-file config/policy_node.yaml -p model_package:=DIR ...)";

    private const string Usage = "usage: vla policy run --ros-args [--params-file FILE] [-p name:=value ...] [-r __node:=NAME] [--log-level LEVEL]\n" +
                                 "parameters and their defaults: config/policy_node.yaml";

    public int Run(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] is "-h" or "--help")
        {
            output.WriteLine(Usage);
            return 0;
        }
        using var stop = new CancellationTokenSource();
        using var signals = ShutdownSignals.Register(stop); // first: a SIGTERM while the node starts still ends it cleanly
        try
        {
            using var context = RosContext.Create(args);
            if (context.Arguments.UserArguments.Count > 0)
            {
                error.WriteLine($"vla policy run: unexpected argument '{context.Arguments.UserArguments[0]}' (everything goes after --ros-args)\n{Usage}");
                return 2;
            }
            using var node = PolicyNode.Create(context);
            node.Node.Spin(stop.Token);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or RosArgumentException or Ros2.Parameters.ParameterException or VlaRosNode.Policy.Package.ModelPackageException or Kinematics.Urdf.UrdfException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or FormatException)
        {
            error.WriteLine($"vla policy run: {e.Message}");
            return 1;
        }
    }
}
