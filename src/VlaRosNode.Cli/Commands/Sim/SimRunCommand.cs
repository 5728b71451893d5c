using VlaRosNode.Nodes.Simulation;
using VlaRosNode.Ros2;

namespace VlaRosNode.Cli.Commands.Sim;

/// <summary>`vla sim run`: the simulator node, taking what `ros2 run` passes (--ros-args -p name:=value ...).</summary>
public sealed class SimRunCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public SimRunCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => "sim run";
    public string Summary => "run the tabletop simulator node (--ros-args -p suite:=goal -p seed:=0 -p real_time_factor:=1.0 ...)";

    private const string Usage = "usage: vla sim run --ros-args [-p suite:=all|spatial|object|goal|long] [-p seed:=0] [-p episodes:=0] " +
                                 "[-p image_size:=128] [-p real_time_factor:=1.0] [-p controller:=arm_controller]";

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
                error.WriteLine($"vla sim run: unexpected argument '{context.Arguments.UserArguments[0]}' (everything goes after --ros-args)\n{Usage}");
                return 2;
            }
            using var node = SimNode.Create(context);
            node.Node.Spin(stop.Token);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or RosArgumentException or Ros2.Parameters.ParameterException)
        {
            error.WriteLine($"vla sim run: {e.Message}");
            return 1;
        }
    }
}
