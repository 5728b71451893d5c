using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Dds;
using VlaRosNode.Ros2.Execution;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2.TestPeer;

/// <summary>Republishes every CDR blob taken on one DDS topic, byte for byte, on another.</summary>
internal static class RawEcho
{
    private static readonly QosProfile Bulk = new(Reliability.Reliable, Durability.Volatile, History.KeepAll, 0);

    public static int Run(string[] args)
    {
        var (domain, inTopic, outTopic, type) = (uint.Parse(args[0]), args[1], args[2], args[3]);
        using var transport = new CycloneTransport(domain, CycloneConfig.Loopback, "enclave=/;");
        using var writer = transport.CreateWriter(outTopic, type, Bulk, new ReportIncompatibleQos());
        using var reader = transport.CreateReader(inTopic, type, Bulk, new ReportIncompatibleQos());
        using var waitSet = transport.CreateWaitSet();
        waitSet.Attach(reader, new ExecutableAction(() => { })); // it only wakes this loop, which takes from its one reader itself
        List<IExecutable> ready = [];
        Console.WriteLine("ready");
        var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
        while (!stdinClosed.IsCompleted)
        {
            waitSet.Wait(TimeSpan.FromMilliseconds(200), ready);
            ready.Clear(); // the loop below takes from the one reader itself
            while (reader.TryTake(out var sample))
            {
                using (sample)
                    writer.Write(sample.Payload.Length, sample, static (dst, s) => s.Payload.CopyTo(dst));
            }
        }
        return 0;
    }

    private sealed class ReportIncompatibleQos : IEndpointEvents
    {
        public void OnIncompatibleQos(string policy) => Console.Error.WriteLine($"incompatible QoS: {policy}");

        public void OnMatchedChanged(int currentCount) { }
    }
}
