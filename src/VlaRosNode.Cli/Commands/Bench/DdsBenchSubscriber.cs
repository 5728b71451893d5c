using VlaRosNode.Messages;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Dds;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>The receiving process of `vla bench dds`: decodes each message into its C# type (one reused message, as
/// the policy node's camera subscriptions do: <see cref="MessageLifetime.Callback"/>) and records
/// arrival time minus the publisher's stamp (one-way latency; both processes read the same system clock).
/// As the echo (pong) of a round-trip run it sends each payload straight back on <c>/bench_echo</c> instead, as
/// ddsperf's pong does.</summary>
internal static class DdsBenchSubscriber
{
    public const string EchoTopic = "/bench_echo";

    public static int Run(DdsBenchScenario scenario, uint domain, bool echo, TextWriter output)
    {
        using var context = RosContext.Create([], new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback, LogOutput = TextWriter.Null });
        using var node = context.CreateNode("bench_subscriber", options: DdsBenchScenario.BareNode);
        var type = MessageRegistry.Get(scenario.RosType);
        var latencies = new List<double>(100_000);
        TimeSpan first = default, last = default;
        using var stop = new CancellationTokenSource();
        var back = echo ? node.CreateRawPublisher(EchoTopic, type.RosName, scenario.Qos) : null;
        if (back is not null)
            node.CreateRawSubscription("/bench", type.RosName, (payload, in _) => back.Publish(payload), scenario.Qos);
        else
            Subscribe(node, scenario, message =>
            {
                var now = RosClock.SystemNow;
                if (latencies.Count == 0)
                    first = RosClock.Steady;
                last = RosClock.Steady;
                latencies.Add((now - DdsBenchScenario.StampOf(message)).TotalMilliseconds);
            });
        // The publisher closes our stdin when it is done.
        _ = Task.Run(() => { Console.In.ReadToEnd(); stop.Cancel(); });
        output.WriteLine("ready");
        output.Flush();
        node.Spin(stop.Token);
        output.WriteLine(LatencySummary.From(latencies, (last - first).TotalSeconds).ToLine());
        return 0;
    }

    private static void Subscribe(Node node, DdsBenchScenario scenario, Action<IRosMessage> onMessage)
    {
        switch (scenario.Create())
        {
            case Messages.SensorMsgs.Image:
                node.CreateSubscription<Messages.SensorMsgs.Image>("/bench", onMessage, scenario.Qos, MessageLifetime.Callback);
                break;
            case Messages.SensorMsgs.JointState:
                node.CreateSubscription<Messages.SensorMsgs.JointState>("/bench", onMessage, scenario.Qos, MessageLifetime.Callback);
                break;
            default:
                throw new ArgumentException(scenario.RosType);
        }
    }
}
