using VlaRosNode.Messages.RmwDdsCommon;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Ros2.Dds;
using VlaRosNode.Ros2.Graph;

namespace VlaRosNode.Ros2.Tests.Nodes;

/// <summary>Node behaviour over real Cyclone DDS (two participants on loopback in this process).</summary>
public sealed class CycloneNodeTests
{
    private readonly LogCapture _log = new();
    private readonly List<RosContext> _contexts = [];
    private uint _domain;

    [SetUp]
    public void PickDomain() => _domain = TestDomain.Next();

    [TearDown]
    public void DisposeContexts() => _contexts.ForEach(c => c.Dispose());

    private RosContext Context(string distro = "humble")
    {
        var context = RosContext.Create([], new RosContextOptions { DomainId = _domain, CycloneConfig = CycloneConfig.Loopback, LogOutput = _log, RosDistro = distro });
        _contexts.Add(context);
        return context;
    }

    [Test]
    public void MalformedPayloadsFromARawWriterAreDroppedAndGoodOnesServed()
    {
        var node = Context().CreateNode("listener");
        var positions = new List<double>();
        var subscription = node.CreateSubscription<JointState>("/joint_states", m => positions.Add(m.Position[0]), QosProfile.Default.WithDepth(100));
        node.StartSpinning();
        var raw = Context().CreateNode("raw_writer").CreateRawPublisher("/joint_states", "sensor_msgs/msg/JointState", QosProfile.Default.WithDepth(100));
        Wait.Until(() => raw.SubscriptionCount == 1, "the subscription to match");

        var good = new JointState { Name = ["j1"], Position = [0.5] };
        var goodBytes = new byte[good.GetSerializedSize()];
        good.Serialize(goodBytes);
        var truncated = goodBytes[..(goodBytes.Length - 6)];
        var hugeCount = (byte[])goodBytes.Clone();
        hugeCount[^20] = 0xff; // a sequence count far beyond the payload
        foreach (var payload in new[] { truncated, goodBytes, hugeCount, goodBytes, truncated })
            raw.Publish(payload);

        Wait.Until(() => subscription.ReceivedCount + subscription.MalformedCount == 5, "all five payloads to be handled");
        Assert.That(positions, Is.EqualTo(new[] { 0.5, 0.5 }));
        Assert.That(subscription.MalformedCount, Is.EqualTo(3));
        Assert.That(_log.Lines.Count(l => l.Contains("dropped a malformed sensor_msgs/msg/JointState")), Is.EqualTo(1));
    }

    [Test]
    public void SpinOnceWithAnInfiniteTimeoutWaitsForData()
    {
        var node = Context().CreateNode("listener");
        var positions = new List<double>();
        node.CreateSubscription<JointState>("/joint_states", m => positions.Add(m.Position[0]));
        var publisher = Context().CreateNode("talker").CreatePublisher<JointState>("/joint_states");
        Wait.Until(() => publisher.SubscriptionCount == 1, "the subscription to match");
        node.SpinOnce(TimeSpan.Zero); // takes the wake-ups of setting the node up
        var spin = Task.Run(() => node.SpinOnce(Timeout.InfiniteTimeSpan));
        Assert.That(spin.Wait(TimeSpan.FromMilliseconds(300)), Is.False, "a spin without a timeout returned before any data came");
        publisher.Publish(new JointState { Name = ["j1"], Position = [0.5] });
        Assert.That(spin.Wait(TimeSpan.FromSeconds(30)) && spin.Result, Is.True);
        Assert.That(positions, Is.EqualTo(new[] { 0.5 }));
    }

    [Test]
    public void IncompatibleQosWithAPeerIsLogged()
    {
        var node = Context().CreateNode("controller");
        node.CreateSubscription<JointState>("/cmd", _ => { }, QosProfile.Default);
        Context().CreateNode("driver").CreatePublisher<JointState>("/cmd", QosProfile.SensorData);
        Wait.Until(() => _log.Lines.Any(l => l.Contains("offering incompatible QoS")), "the reader's incompatible-QoS report");
        Wait.Until(() => _log.Lines.Any(l => l.Contains("requesting incompatible QoS")), "the writer's incompatible-QoS report");
        Assert.That(_log.Lines.First(l => l.Contains("offering incompatible QoS")), Does.Contain("RELIABILITY").And.Contains("[controller]"));
    }

    [TestCase("humble")]
    [TestCase("jazzy")]
    public void NodesAppearInRosDiscoveryInfoWithTheDistrosGidSize(string distro)
    {
        var context = Context(distro);
        var node = context.CreateNode("policy", "/arm");
        var publisher = node.CreatePublisher<JointState>("cmd");
        var observer = Context(distro);
        using var reader = observer.Transport.CreateReader(DiscoveryInfo.Topic, DiscoveryInfo.DdsType, DiscoveryInfo.Qos, new IgnoreEvents());
        byte[]? latest = null;
        Wait.Until(() =>
        {
            while (reader.TryTake(out var sample))
                using (sample)
                    if (Mentions(sample.Payload, "policy") && Mentions(sample.Payload, "/arm"))
                        latest = sample.Payload.ToArray();
            return latest is not null;
        }, "our node in ros_discovery_info");

        var gidSize = RosDistro.GidSize(distro);
        var info = latest!;
        Assert.That(info.AsSpan(4, gidSize).ToArray(), Is.EqualTo(ExpectedParticipantGid(context, distro)));
        Assert.That(BitConverter.ToUInt32(info, 4 + gidSize), Is.EqualTo(1), "one node");
        Assert.That(BitConverter.ToUInt32(info, 8 + gidSize), Is.EqualTo(5), "namespace \"/arm\" with its NUL");
        if (distro == "humble")
        {
            var entry = ParticipantEntitiesInfo.Deserialize(info).NodeEntitiesInfoSeq.Single();
            Assert.That((entry.NodeNamespace, entry.NodeName), Is.EqualTo(("/arm", "policy")));
            Assert.That(entry.WriterGidSeq.Select(g => g.Data.Take(16).ToArray()), Has.Some.EqualTo(publisher.Gid));
        }
    }

    private static byte[] ExpectedParticipantGid(RosContext context, string distro) =>
        [.. context.Transport.ParticipantGid, .. new byte[RosDistro.GidSize(distro) - 16]];

    private sealed class IgnoreEvents : Transport.IEndpointEvents
    {
        public void OnIncompatibleQos(string policy) { }
        public void OnMatchedChanged(int currentCount) { }
    }

    private static bool Mentions(ReadOnlySpan<byte> payload, string text) => System.Text.Encoding.UTF8.GetString(payload).Contains(text);
}
