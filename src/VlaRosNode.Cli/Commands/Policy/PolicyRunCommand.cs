using VlaRosNode.Nodes.ArmControl;

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

    private static readonly CommandOptions Options = new CommandOptions("policy run").RosArguments()
        .Note("ROS_ARGUMENTS: [--params-file FILE] [-p name:=value ...] [-r __node:=NAME] [--log-level LEVEL]")
        .Note("parameters and their defaults: config/policy_node.yaml");

    public string Name => Options.Command;
    public string Summary => "run the VLA policy node (--ros-args --params-file config/policy_node.yaml -p model_package:=DIR ...)";

    public int Run(IReadOnlyList<string> args) =>
        NodeCommandRunner.Run<PolicyNode>(Options, args, output, error, context => PolicyNode.Create(context), n => n.Node,
            e => e is VlaRosNode.Policy.Package.ModelPackageException or VlaRosNode.Policy.Retrieval.DatastoreFormatException or Kinematics.Urdf.UrdfException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or VlaRosNode.Policy.Runtime.GraphRunException or FormatException);
}
