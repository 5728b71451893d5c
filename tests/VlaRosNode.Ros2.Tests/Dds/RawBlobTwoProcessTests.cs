using VlaRosNode.Ros2.Dds;
using VlaRosNode.Ros2.Execution;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2.Tests.Dds;

/// <summary>Opaque CDR blobs through real Cyclone DDS on loopback, to another process and back.</summary>
public sealed class RawBlobTwoProcessTests
{
    private static readonly QosProfile Bulk = new(Reliability.Reliable, Durability.Volatile, History.KeepAll, 0);

    [Test]
    public void BlobsOfEverySizeComeBackByteForByte()
    {
        var domain = TestDomain.Next();
        using var peer = PeerProcess.Start("raw-echo", domain.ToString(), "rt/raw_in", "rt/raw_out", "test::msg::dds_::Blob_");
        using var transport = new CycloneTransport(domain, CycloneConfig.Loopback, "enclave=/;");
        using var reader = transport.CreateReader("rt/raw_out", "test::msg::dds_::Blob_", Bulk, new IgnoredEvents());
        using var writer = transport.CreateWriter("rt/raw_in", "test::msg::dds_::Blob_", Bulk, new IgnoredEvents());
        using var waitSet = transport.CreateWaitSet();
        waitSet.Attach(reader, new ExecutableAction(() => { })); // it only wakes the test, which takes from its one reader itself
        WaitUntil(() => writer.MatchedCount == 1 && reader.MatchedCount == 1, "the peer to match");

        // 23 bytes: not a multiple of 4; 100 kB and 3 MB: fragmented into many RTPS fragments.
        int[] sizes = [4, 23, 1000, 100_000, 3_000_000];
        var sent = sizes.Select(Payload).ToList();
        foreach (var p in sent)
            writer.Write(p.Length, p, static (dst, src) => src.CopyTo(dst));

        var received = new List<byte[]>();
        WaitUntil(() =>
        {
            while (reader.TryTake(out var s))
                using (s)
                    received.Add(s.Payload.ToArray());
            return received.Count == sent.Count;
        }, $"all blobs to come back (have {received.Count}: {string.Join(",", received.Select(r => r.Length))}; peer: {peer.Stderr})", waitSet);

        for (var i = 0; i < sent.Count; i++)
        {
            // Cyclone pads samples to a multiple of 4 with zeros.
            Assert.That(received[i].Length, Is.EqualTo((sent[i].Length + 3) & ~3), $"size of blob {i}");
            Assert.That(received[i].AsSpan(0, sent[i].Length).SequenceEqual(sent[i]), Is.True, $"bytes of blob {i}");
            Assert.That(received[i].Skip(sent[i].Length), Is.All.Zero);
        }
    }

    [Test]
    public void ListsDiscoveredEndpointsWithTheirQos()
    {
        var domain = TestDomain.Next();
        using var peer = PeerProcess.Start("raw-echo", domain.ToString(), "rt/graph_in", "rt/graph_out", "test::msg::dds_::Graph_");
        using var transport = new CycloneTransport(domain, CycloneConfig.Loopback, "enclave=/;");
        IReadOnlyList<EndpointInfo> endpoints = [];
        WaitUntil(() => (endpoints = transport.GetEndpoints()).Count(e => e.DdsTopic.StartsWith("rt/graph_", StringComparison.Ordinal)) == 2, "discovery of the peer's endpoints");
        var writer = endpoints.Single(e => e.DdsTopic == "rt/graph_out");
        Assert.That(writer.IsWriter, Is.True);
        Assert.That(writer.DdsType, Is.EqualTo("test::msg::dds_::Graph_"));
        Assert.That(writer.Qos.Reliability, Is.EqualTo(Reliability.Reliable));
        Assert.That(writer.Qos.History, Is.EqualTo(History.KeepAll));
        Assert.That(endpoints.Single(e => e.DdsTopic == "rt/graph_in").IsWriter, Is.False);
        Assert.That(writer.ParticipantGid, Is.Not.EqualTo(Convert.ToHexString(transport.ParticipantGid)));
    }

    /// <summary>A little-endian CDR encapsulation header (Cyclone drops samples without a valid one) and random bytes.</summary>
    private static byte[] Payload(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        bytes[0] = 0;
        bytes[1] = 1;
        bytes[2] = bytes[3] = 0;
        return bytes;
    }

    private static void WaitUntil(Func<bool> condition, string what, ITransportWaitSet? waitSet = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        List<IExecutable> ready = [];
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"gave up waiting for {what}");
            if (waitSet is null)
                Thread.Sleep(20);
            else
            {
                waitSet.Wait(TimeSpan.FromMilliseconds(200), ready);
                ready.Clear(); // only a wake-up: the condition is checked again
            }
        }
    }

    private sealed class IgnoredEvents : IEndpointEvents
    {
        public void OnIncompatibleQos(string policy) { }

        public void OnMatchedChanged(int currentCount) { }
    }
}
