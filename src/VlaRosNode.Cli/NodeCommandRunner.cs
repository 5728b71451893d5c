using VlaRosNode.Ros2;

namespace VlaRosNode.Cli;

/// <summary>
/// What every `vla ... run` node command does with what `ros2 run` / `ros2 launch` pass: take the --ros-args blocks,
/// create the node, spin until SIGINT/SIGTERM. Exit 0 on a signal, 1 on a start-up error, 2 on a stray argument.
/// </summary>
public static class NodeCommandRunner
{
    public static int Run<TNode>(CommandOptions options, IReadOnlyList<string> args, TextWriter output, TextWriter error,
        Func<RosContext, TNode> create, Func<TNode, Node> node, Func<Exception, bool> isStartupError)
        where TNode : IDisposable => options.Run(args, output, error, parsed =>
    {
        using var stop = new CancellationTokenSource();
        using var signals = ShutdownSignals.Register(stop); // first: a SIGTERM while the node starts still ends it cleanly
        try
        {
            using var context = RosContext.Create(parsed.RosArguments);
            using var created = create(context);
            node(created).Spin(stop.Token);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or RosArgumentException or Ros2.Parameters.ParameterException || isStartupError(e))
        {
            error.WriteLine($"vla {options.Command}: {e.Message}");
            return 1;
        }
    });
}
