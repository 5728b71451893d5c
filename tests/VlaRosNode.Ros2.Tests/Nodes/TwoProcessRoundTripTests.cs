using System.Collections.Concurrent;
using VlaRosNode.Messages;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Ros2.Dds;

namespace VlaRosNode.Ros2.Tests.Nodes;

/// <summary>Every generated message type, published by this process over Cyclone DDS on loopback, decoded into its
/// C# type by another process, encoded again and sent back: the bytes must come back unchanged.</summary>
[NonParallelizable]
public sealed class TwoProcessRoundTripTests
{
    private static readonly QosProfile Qos = QosProfile.Default.WithDepth(100);
    private uint _domain;
    private PeerProcess _peer = null!;
    private RosContext _context = null!;
    private Node _node = null!;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _received = new();
    private readonly Dictionary<string, RawPublisher> _publishers = new();

    [OneTimeSetUp]
    public void StartPeer()
    {
        _domain = TestDomain.Next();
        _peer = PeerProcess.Start("typed-echo", _domain.ToString());
        _context = RosContext.Create([], new RosContextOptions { DomainId = _domain, CycloneConfig = CycloneConfig.Loopback });
        _node = _context.CreateNode("round_trip_test");
        foreach (var type in MessageRegistry.All)
        {
            var suffix = type.RosName.Replace("/msg/", "_");
            var queue = _received.GetOrAdd(type.RosName, _ => new ConcurrentQueue<byte[]>());
            _node.CreateRawSubscription($"/roundtrip_out/{suffix}", type.RosName, (payload, in _) => queue.Enqueue(payload.ToArray()), Qos);
            _publishers[type.RosName] = _node.CreateRawPublisher($"/roundtrip_in/{suffix}", type.RosName, Qos);
        }
        _node.StartSpinning();
        Wait.Until(() => _publishers.Values.All(p => p.SubscriptionCount == 1), "the peer's subscriptions to match");
    }

    [OneTimeTearDown]
    public void StopPeer()
    {
        _node.Dispose();
        _context.Dispose();
        _peer.Dispose();
    }

    private static IEnumerable<string> TypeNames() => MessageRegistry.All.Select(t => t.RosName);

    [TestCaseSource(nameof(TypeNames))]
    public void MessageComesBackUnchanged(string rosType)
    {
        var type = MessageRegistry.Get(rosType);
        var sent = Enumerable.Range(1, 3).Select(seed => Encode(SampleMessages.Create(type, seed))).ToList();
        foreach (var payload in sent)
            _publishers[rosType].Publish(payload);

        var queue = _received[rosType];
        Wait.Until(() => queue.Count >= sent.Count, $"{rosType} to come back (peer: {_peer.Stderr})");
        for (var i = 0; i < sent.Count; i++)
        {
            Assert.That(queue.TryDequeue(out var back), Is.True);
            Assert.That(back!.AsSpan(0, sent[i].Length).SequenceEqual(sent[i]), Is.True, $"message {i} of {rosType} changed on the way");
            Assert.That(MessageYamlOf(type, back!), Is.EqualTo(MessageYamlOf(type, sent[i])));
        }
    }

    [Test]
    public void FullHdImageComesBackUnchanged()
    {
        var image = new Image { Height = 1080, Width = 1920, Encoding = "rgb8", Step = 1920 * 3, Data = new byte[1920 * 1080 * 3] };
        image.Header.FrameId = "camera";
        image.Header.Stamp.Sec = 1234;
        new Random(7).NextBytes(image.Data);
        var sent = Encode(image);
        _publishers[Image.Info.RosName].Publish(sent);
        var queue = _received[Image.Info.RosName];
        Wait.Until(() => !queue.IsEmpty, "the 6 MB image to come back");
        Assert.That(queue.TryDequeue(out var back), Is.True);
        var decoded = Image.Deserialize(back!);
        Assert.That((decoded.Width, decoded.Height, decoded.Encoding, decoded.Header.FrameId), Is.EqualTo((1920u, 1080u, "rgb8", "camera")));
        Assert.That(decoded.Data.AsSpan().SequenceEqual(image.Data), Is.True);
    }

    private static byte[] Encode(IRosMessage message)
    {
        var bytes = new byte[message.GetSerializedSize()];
        message.Serialize(bytes);
        return bytes;
    }

    private static string MessageYamlOf(MessageTypeInfo type, byte[] payload) => Messages.Text.MessageYaml.Format(type.Decode(payload));
}
