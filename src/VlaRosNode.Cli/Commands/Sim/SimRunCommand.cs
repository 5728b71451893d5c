using VlaRosNode.Nodes.Simulation;

namespace VlaRosNode.Cli.Commands.Sim;

/// <summary>`vla sim run`: the simulator node, taking what `ros2 run` passes (--ros-args -p name:=value ...).</summary>
public sealed class SimRunCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public SimRunCommand() : this(Console.Out, Console.Error)
    {
    }

    private static readonly CommandOptions Options = new CommandOptions("sim run").RosArguments()
        .Note("ROS_ARGUMENTS: [-p suite:=all|spatial|object|goal|long] [-p seed:=0] [-p episodes:=0] " +
              "[-p image_size:=128] [-p real_time_factor:=1.0] [-p controller:=arm_controller]");

    public string Name => Options.Command;
    public string Summary => "run the tabletop simulator node (--ros-args -p suite:=goal -p seed:=0 -p real_time_factor:=1.0 ...)";

    public int Run(IReadOnlyList<string> args) =>
        NodeCommandRunner.Run<SimNode>(Options, args, output, error, context => SimNode.Create(context), n => n.Node,
            _ => false);
}
