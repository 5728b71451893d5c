using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Topic;

/// <summary>What every `vla topic` command shares: a context and node from the environment (ROS_DOMAIN_ID,
/// ROS_LOCALHOST_ONLY, CYCLONEDDS_URI, ROS_DISTRO), Ctrl+C as cancellation, and uniform error reporting.</summary>
internal static class ToolSession
{
    public static int Run(string command, string usage, TextWriter error, Func<Node, CancellationToken, int> body)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        Console.CancelKeyPress += onCancel;
        // SIGTERM (docker stop, launch shutdown) ends the command the same orderly way as Ctrl+C.
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, e => { e.Cancel = true; cancellation.Cancel(); });
        try
        {
            using var context = RosContext.Create([]);
            using var node = context.CreateNode($"vla_{command.Replace(' ', '_')}_{Environment.ProcessId}");
            return body(node, cancellation.Token);
        }
        catch (Exception e) when (e is ToolError or FormatException or ArgumentException or RosArgumentException or Ros2.Dds.DdsException)
        {
            error.WriteLine($"vla {command}: {e.Message}");
            if (e is FormatException or ArgumentException)
                error.WriteLine(usage);
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Splits `--flag value` options from positional arguments; unknown flags are an error.</summary>
    public static (List<string> Positional, Dictionary<string, string?> Options) Parse(IReadOnlyList<string> args, string[] valued, string[] flags)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (valued.Contains(a))
                options[a] = i + 1 < args.Count ? args[++i] : throw new FormatException($"option {a} needs a value");
            else if (flags.Contains(a))
                options[a] = null;
            else if (a.StartsWith("--", StringComparison.Ordinal))
                throw new FormatException($"unknown option '{a}'");
            else
                positional.Add(a);
        }
        return (positional, options);
    }

    public static double Number(Dictionary<string, string?> options, string name, double fallback) =>
        options.TryGetValue(name, out var v) ? (double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var d) && d > 0 ? d : throw new FormatException($"{name} needs a positive number, got '{v}'")) : fallback;
}
