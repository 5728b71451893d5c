using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Topic;

/// <summary>What every `vla topic` command shares: a context and node from the environment (ROS_DOMAIN_ID,
/// ROS_LOCALHOST_ONLY, CYCLONEDDS_URI, ROS_DISTRO), Ctrl+C as cancellation, and uniform error reporting.
/// Commands parse their options before calling <see cref="Run"/>, so a bad command line joins no DDS domain.</summary>
internal static class ToolSession
{
    public static int Run(string command, TextWriter error, Func<Node, CancellationToken, int> body)
    {
        using var cancellation = new CancellationTokenSource();
        // Ctrl+C and SIGTERM (docker stop, launch shutdown) end the command in the same orderly way.
        using var signals = ShutdownSignals.Register(cancellation);
        try
        {
            using var context = RosContext.Create([]);
            using var node = context.CreateNode($"vla_{command.Replace(' ', '_')}_{Environment.ProcessId}");
            return body(node, cancellation.Token);
        }
        catch (Exception e) when (e is ToolError or FormatException or ArgumentException or RosArgumentException or Ros2.Dds.DdsException)
        {
            error.WriteLine($"vla {command}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The --qos flag (a profile name with optional policy=value overrides), or null when absent.</summary>
    public static QosProfile? Qos(ParsedOptions flags) =>
        flags.Text("--qos") is { } text ? ParsedOptions.ParseWith("--qos", text, QosProfile.Parse) : null;

    public const string QosHelp = "QoS profile (default, sensor_data, ...) with optional ,policy=value overrides";
}
