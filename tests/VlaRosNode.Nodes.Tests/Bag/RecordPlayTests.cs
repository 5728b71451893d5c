using VlaRosNode.Bag;
using VlaRosNode.Messages.RosgraphMsgs;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Nodes.Bag;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Transport;
using RosQos = VlaRosNode.Ros2.QosProfile;
using String = VlaRosNode.Messages.StdMsgs.String;

namespace VlaRosNode.Nodes.Tests.Bag;

/// <summary>Recording from and playing to live publishers and subscribers (in-process ROS 2 backend).</summary>
public sealed class RecordPlayTests
{
    private readonly InProcessDomain _domain = new();
    private readonly List<RosContext> _contexts = [];

    [TearDown]
    public void DisposeContexts() => _contexts.ForEach(c => c.Dispose());

    private Node NewNode(string name)
    {
        var context = RosContext.Create([], new RosContextOptions { InProcess = _domain, LogOutput = TextWriter.Null });
        _contexts.Add(context);
        // Without /rosout and /parameter_events, "every topic" is exactly the ones each test publishes.
        var node = context.CreateNode(name, options: new NodeOptions { EnableRosout = false, StartParameterEventPublisher = false });
        node.StartSpinning();
        return node;
    }

    /// <summary>Polls with a generous deadline: failing means "never happened", not "too slow".</summary>
    private static void Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"gave up waiting for {what}");
            Thread.Sleep(10);
        }
    }

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "vla-record-tests", Guid.NewGuid().ToString("N"));

    [TestCase("mcap")]
    [TestCase("sqlite3")]
    public void RecordsEveryTopicWithAdaptedQosAndStoresOfferedQos(string storage)
    {
        var talker = NewNode("talker");
        var chatter = talker.CreatePublisher<String>("/chatter");
        var joints = talker.CreatePublisher<JointState>("/joint_states", RosQos.SensorData);
        var folder = TempFolder();
        var writer = BagWriter.Create(folder, new BagWriterOptions(storage));
        var recorder = new BagRecorder(NewNode("recorder"), writer, topics: null);
        Eventually(() => { recorder.Discover(); return recorder.RecordedTopics.Count == 2; }, "both topics to be discovered");
        Eventually(() => chatter.SubscriptionCount == 1 && joints.SubscriptionCount == 1, "the recorder to match both publishers");

        for (var i = 0; i < 20; i++)
        {
            chatter.Publish(new String { Data = $"hello {i}" });
            joints.Publish(new JointState { Name = ["j1"], Position = [i] });
        }
        Eventually(() => recorder.Received == 40, "40 messages to be recorded");
        recorder.Dispose();
        writer.Dispose();

        using var bag = BagReader.Open(folder);
        Assert.That(bag.ReadMessages(new MessageFilter(["/chatter"])).Select(m => m.Deserialize<String>().Data),
            Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"hello {i}")));
        Assert.That(bag.ReadMessages(new MessageFilter(["/joint_states"])).Select(m => m.Deserialize<JointState>().Position[0]),
            Is.EqualTo(Enumerable.Range(0, 20).Select(i => (double)i)));
        var jointTopic = bag.Topics.Single(t => t.Name == "/joint_states");
        Assert.That(jointTopic.Type, Is.EqualTo("sensor_msgs/msg/JointState"));
        Assert.That(jointTopic.OfferedQosProfiles.Single().Reliability, Is.EqualTo(QosReliability.BestEffort));
        Assert.That(bag.Topics.Single(t => t.Name == "/chatter").OfferedQosProfiles.Single().Reliability, Is.EqualTo(QosReliability.Reliable));
    }

    [Test]
    public void RecordsOnlyTheNamedTopics()
    {
        var talker = NewNode("talker");
        var chatter = talker.CreatePublisher<String>("/chatter");
        talker.CreatePublisher<String>("/other");
        var folder = TempFolder();
        using var writer = BagWriter.Create(folder);
        using var recorder = new BagRecorder(NewNode("recorder"), writer, topics: ["/chatter"]);
        Eventually(() => { recorder.Discover(); return recorder.RecordedTopics.Count == 1; }, "/chatter to be discovered");
        Assert.That(recorder.RecordedTopics, Is.EqualTo(new[] { "/chatter" }));
    }

    [TestCase("mcap")]
    [TestCase("sqlite3")]
    public void ThePublishersRecordedOfferedQosIsThePlaybackPublishersQos(string storage)
    {
        var offered = new RosQos(Reliability.BestEffort, Durability.TransientLocal, History.KeepLast, 3);
        var talker = NewNode("talker");
        var chatter = talker.CreatePublisher<String>("/latched", offered);
        var folder = TempFolder();
        using (var writer = BagWriter.Create(folder, new BagWriterOptions(storage)))
        using (var recorder = new BagRecorder(NewNode("recorder"), writer, topics: ["/latched"]))
        {
            Eventually(() => { recorder.Discover(); return chatter.SubscriptionCount == 1; }, "the recorder to match the publisher");
            chatter.Publish(new String { Data = "kept" });
            Eventually(() => recorder.Received == 1, "the message to be recorded");
        }

        using var bag = BagReader.Open(folder);
        var player = new BagPlayer(NewNode("player"), bag, new PlayOptions());
        Assert.That(player.Publishers["/latched"].Qos, Is.EqualTo(offered));
    }

    [Test]
    public void PlaysInOrderWithRecordedQosAndPublishesClock()
    {
        var folder = TempFolder();
        const long start = 1_700_000_000_000_000_000;
        using (var writer = BagWriter.Create(folder))
        {
            writer.CreateTopic(TopicMetadata.For<String>("/chatter", VlaRosNode.Bag.QosProfile.SensorData));
            for (var i = 0; i < 30; i++)
                writer.Write("/chatter", start + i * 2_000_000L, new String { Data = $"m{i}" });
        }

        var listener = NewNode("listener");
        var received = new List<string>();
        var clocks = new List<long>();
        listener.CreateSubscription<String>("/chatter", m => { lock (received) received.Add(m.Data); }, RosQos.SensorData.WithDepth(100));
        listener.CreateSubscription<Clock>("/clock", c => { lock (clocks) clocks.Add(c.Clock_.Sec * 1_000_000_000L + c.Clock_.Nanosec); }, RosQos.Clock.WithDepth(1000));

        using var bag = BagReader.Open(folder);
        var player = new BagPlayer(NewNode("player"), bag, new PlayOptions(Rate: 2, PublishClock: true, StartOffsetSeconds: 0.010));
        Assert.That(player.Publishers["/chatter"].Qos.Reliability, Is.EqualTo(Reliability.BestEffort), "recorded QoS is used");
        Eventually(() => player.Publishers["/chatter"].SubscriptionCount == 1, "the listener to match");

        Assert.That(player.Play(CancellationToken.None), Is.EqualTo(25), "5 messages fall inside the 10 ms start offset");
        Eventually(() => { lock (received) return received.Count == 25; }, "25 messages to arrive");
        Assert.That(received, Is.EqualTo(Enumerable.Range(5, 25).Select(i => $"m{i}")));
        lock (clocks)
        {
            Assert.That(clocks, Is.Not.Empty);
            Assert.That(clocks, Is.Ordered);
            Assert.That(clocks[0], Is.GreaterThanOrEqualTo(start + 10_000_000));
        }
    }
}
