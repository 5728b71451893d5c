using VlaRosNode.Ros2;

namespace VlaRosNode.Cli;

/// <summary>
/// What every `vla ... run` node command does with what `ros2 run` / `ros2 launch` pass: parse --ros-args,
/// create the node, spin until SIGINT/SIGTERM. Exit 0 on a signal, 1 on a start-up error, 2 on a stray argument.
/// </summary>
public static class NodeCommandRunner
{
    public static int Run<TNode>(string command, string usage, IReadOnlyList<string> args, TextWriter output, TextWriter error,
        Func<RosContext, TNode> create, Func<TNode, Node> node, Func<Exception, bool> isStartupError)
        where TNode : IDisposable
    {
        if (args.Count > 0 && args[0] is "-h" or "--help")
        {
            output.WriteLine(usage);
            return 0;
        }
        using var stop = new CancellationTokenSource();
        using var signals = ShutdownSignals.Register(stop); // first: a SIGTERM while the node starts still ends it cleanly
        try
        {
            using var context = RosContext.Create(args);
            if (context.Arguments.UserArguments.Count > 0)
            {
                error.WriteLine($"vla {command}: unexpected argument '{context.Arguments.UserArguments[0]}' (everything goes after --ros-args)\n{usage}");
                return 2;
            }
            using var created = create(context);
            node(created).Spin(stop.Token);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or RosArgumentException or Ros2.Parameters.ParameterException || isStartupError(e))
        {
            error.WriteLine($"vla {command}: {e.Message}");
            return 1;
        }
    }
}
