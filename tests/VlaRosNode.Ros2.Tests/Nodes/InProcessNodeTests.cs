using VlaRosNode.Messages.RosgraphMsgs;
using VlaRosNode.Messages.StdMsgs;
using VlaRosNode.Ros2.Parameters;
using VlaRosNode.Ros2.Transport;
using String = VlaRosNode.Messages.StdMsgs.String;

namespace VlaRosNode.Ros2.Tests.Nodes;

/// <summary>The node API over the in-process backend: same semantics as DDS, no network.</summary>
public sealed class InProcessNodeTests
{
    private readonly InProcessDomain _domain = new();
    private readonly LogCapture _log = new();
    private readonly List<RosContext> _contexts = [];

    [TearDown]
    public void DisposeContexts() => _contexts.ForEach(c => c.Dispose());

    private RosContext Context(params string[] args)
    {
        var context = RosContext.Create(args, new RosContextOptions { InProcess = _domain, LogOutput = _log });
        _contexts.Add(context);
        return context;
    }

    private static String Text(string s) => new() { Data = s };

    [Test]
    public void PublishesToSubscribersOfTheResolvedTopic()
    {
        var talker = Context().CreateNode("talker", "/robot");
        var listener = Context().CreateNode("listener");
        var received = new List<string>();
        listener.CreateSubscription<String>("/robot/chatter", m => received.Add(m.Data));
        var publisher = talker.CreatePublisher<String>("chatter");
        Assert.That(publisher.Topic, Is.EqualTo("/robot/chatter"));
        publisher.Publish(Text("hello"));
        publisher.Publish(Text("world"));
        listener.SpinOnce(TimeSpan.FromSeconds(5));
        Assert.That(received, Is.EqualTo(new[] { "hello", "world" }));
    }

    [Test]
    public void AfterABurstTheNextSpinWaitsForNewData()
    {
        var node = Context().CreateNode("n");
        var received = 0;
        node.CreateSubscription<String>("/burst", _ => Interlocked.Increment(ref received), QosProfile.SensorData.WithDepth(100));
        var publisher = node.CreatePublisher<String>("/burst", QosProfile.SensorData);
        for (var i = 0; i < 100; i++)
            publisher.Publish(Text("x"));
        Assert.That(node.SpinOnce(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(received, Is.EqualTo(100));

        // The burst was one wake-up: the next spin sleeps until a sample comes (it used to return at once, once per sample).
        var spin = Task.Run(() => node.SpinOnce(TimeSpan.FromSeconds(30)));
        Assert.That(spin.Wait(TimeSpan.FromMilliseconds(300)), Is.False, "a spin with nothing to do returned early");
        publisher.Publish(Text("y"));
        Assert.That(spin.Wait(TimeSpan.FromSeconds(30)) && spin.Result, Is.True);
        Assert.That(received, Is.EqualTo(101));
    }

    [Test]
    public void CallbackLifetimeDecodesEveryMessageIntoOneObject()
    {
        var node = Context().CreateNode("n");
        var delivered = new List<(String Message, string Data)>();
        node.CreateSubscription<String>("/t", m => delivered.Add((m, m.Data)), QosProfile.Default.WithDepth(10), MessageLifetime.Callback);
        var publisher = node.CreatePublisher<String>("/t");
        publisher.Publish(Text("first"));
        publisher.Publish(Text("second"));
        node.SpinOnce(TimeSpan.FromSeconds(5));
        Assert.That(delivered.Select(d => d.Data), Is.EqualTo(new[] { "first", "second" }), "each callback sees its own message");
        Assert.That(delivered[1].Message, Is.SameAs(delivered[0].Message));
    }

    [Test]
    public void RemappingAndNodeRenamingComeFromTheCommandLine()
    {
        var node = Context("--ros-args", "-r", "__node:=renamed", "-r", "__ns:=/arm", "-r", "image:=/camera/image_raw").CreateNode("original");
        Assert.That(node.FullyQualifiedName, Is.EqualTo("/arm/renamed"));
        Assert.That(node.CreatePublisher<String>("image").Topic, Is.EqualTo("/camera/image_raw"));
        Assert.That(node.CreatePublisher<String>("~/status").Topic, Is.EqualTo("/arm/renamed/status"));
    }

    [Test]
    public void KeepLastDropsTheOldestSamplesBeyondTheDepth()
    {
        var node = Context().CreateNode("n");
        var received = new List<string>();
        node.CreateSubscription<String>("/t", m => received.Add(m.Data), QosProfile.SensorData.WithDepth(2));
        var publisher = node.CreatePublisher<String>("/t", QosProfile.SensorData);
        foreach (var s in new[] { "1", "2", "3", "4", "5" })
            publisher.Publish(Text(s));
        node.SpinOnce(TimeSpan.FromSeconds(5));
        Assert.That(received, Is.EqualTo(new[] { "4", "5" }));
    }

    [Test]
    public void ReliableSubscriptionToBestEffortPublisherIsReportedAndReceivesNothing()
    {
        var node = Context().CreateNode("n");
        var received = 0;
        node.CreateSubscription<String>("/t", _ => received++, QosProfile.Default);
        node.CreatePublisher<String>("/t", QosProfile.SensorData).Publish(Text("x"));
        node.SpinOnce(TimeSpan.FromMilliseconds(50));
        Assert.That(received, Is.Zero);
        Assert.That(_log.Lines, Has.Some.Contains("[WARN]").And.Contains("offering incompatible QoS").And.Contains("RELIABILITY"));
        Assert.That(_log.Lines, Has.Some.Contains("requesting incompatible QoS").And.Contains("'/t'"));
    }

    [Test]
    public void TransientLocalSubscriberGetsTheLatchedHistory()
    {
        var latched = new QosProfile(Reliability.Reliable, Durability.TransientLocal, History.KeepLast, 2);
        var node = Context().CreateNode("n");
        var publisher = node.CreatePublisher<String>("/map", latched);
        foreach (var s in new[] { "a", "b", "c" })
            publisher.Publish(Text(s));
        var received = new List<string>();
        node.CreateSubscription<String>("/map", m => received.Add(m.Data), latched);
        node.SpinOnce(TimeSpan.FromSeconds(5));
        Assert.That(received, Is.EqualTo(new[] { "b", "c" }));
    }

    [Test]
    public void CallbacksOfOneNodeNeverOverlap()
    {
        var node = Context().CreateNode("n");
        var publisherNode = Context().CreateNode("p");
        var (active, maxActive, calls) = (0, 0, 0);
        void Callback()
        {
            var now = Interlocked.Increment(ref active);
            maxActive = Math.Max(maxActive, now);
            Thread.SpinWait(2000);
            Interlocked.Decrement(ref active);
            Interlocked.Increment(ref calls);
        }
        node.CreateSubscription<String>("/a", _ => Callback(), QosProfile.Default.WithDepth(1000));
        node.CreateSubscription<String>("/b", _ => Callback(), QosProfile.Default.WithDepth(1000));
        node.CreateTimer(TimeSpan.FromMilliseconds(1), Callback);
        node.StartSpinning();
        var a = publisherNode.CreatePublisher<String>("/a", QosProfile.Default.WithDepth(1000));
        var b = publisherNode.CreatePublisher<String>("/b", QosProfile.Default.WithDepth(1000));
        Parallel.For(0, 400, i => (i % 2 == 0 ? a : b).Publish(Text(i.ToString())));
        Wait.Until(() => Volatile.Read(ref calls) >= 400, "all callbacks");
        Assert.That(maxActive, Is.EqualTo(1));
    }

    [Test]
    public void TimersFollowSimulatedTimeFromClock()
    {
        var node = Context("--ros-args", "-p", "use_sim_time:=true").CreateNode("sim");
        var clockPublisher = Context().CreateNode("gazebo").CreatePublisher<Clock>("/clock", QosProfile.Clock);
        var fired = new List<RosTime>();
        Assert.That(node.Clock.IsSimulated, Is.True);
        Assert.That(node.Clock.Now, Is.EqualTo(new RosTime(0)));
        node.CreateTimer(TimeSpan.FromSeconds(1), () => fired.Add(node.Clock.Now));
        foreach (var sec in new[] { 0, 0, 1, 1, 2, 3 })
        {
            clockPublisher.Publish(new Clock { Clock_ = { Sec = sec, Nanosec = 500_000_000 } });
            node.SpinOnce(TimeSpan.FromSeconds(5));
        }
        Assert.That(node.Clock.Now, Is.EqualTo(RosTime.FromParts(3, 500_000_000)));
        Assert.That(fired.Select(t => t.Seconds), Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public void WallClockTimerFires()
    {
        var node = Context().CreateNode("n");
        var fired = 0;
        node.CreateTimer(TimeSpan.FromMilliseconds(5), () => fired++);
        Wait.Until(() => { node.SpinOnce(TimeSpan.FromMilliseconds(100)); return fired >= 3; }, "three timer callbacks");
        Assert.That(node.Clock.IsSimulated, Is.False);
    }

    [Test]
    public void SpinningANodeWithTimersAllocatesNothing()
    {
        var node = Context().CreateNode("n");
        node.CreateTimer(TimeSpan.FromHours(1), () => { });
        var removed = node.CreateTimer(TimeSpan.FromHours(2), () => { });
        removed.Dispose();
        node.SpinOnce(TimeSpan.Zero); // compiles the path
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
            node.SpinOnce(TimeSpan.Zero);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void MalformedPayloadsAreDroppedCountedAndLoggedAtABoundedRate()
    {
        var node = Context().CreateNode("listener");
        var received = new List<string>();
        var subscription = node.CreateSubscription<String>("/t", m => received.Add(m.Data), QosProfile.Default.WithDepth(100));
        var raw = Context().CreateNode("raw").CreateRawPublisher("/t", "std_msgs/msg/String");
        var good = new byte[Text("ok").GetSerializedSize()];
        Text("ok").Serialize(good);
        for (var i = 0; i < 20; i++)
        {
            raw.Publish([0, 1, 0, 0, 0xff, 0xff, 0xff, 0x7f]); // string length 2 GB in an 8-byte payload
            raw.Publish(good);
        }
        node.SpinOnce(TimeSpan.FromSeconds(5));
        Assert.That(received, Has.Count.EqualTo(20).And.All.EqualTo("ok"));
        Assert.That(subscription.MalformedCount, Is.EqualTo(20));
        Assert.That(subscription.ReceivedCount, Is.EqualTo(20));
        var reports = _log.Lines.Where(l => l.Contains("dropped a malformed std_msgs/msg/String message on '/t'")).ToList();
        Assert.That(reports, Has.Count.EqualTo(1), "one report per interval, not one per message");
        Assert.That(reports[0], Does.StartWith("[WARN]").And.Contains("[listener]"));
    }

    [Test]
    public void ParametersComeFromFilesThenOverridesThenDefaults()
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "params_test.yaml");
        File.WriteAllText(file, "/**:\n  ros__parameters:\n    rate: 10.0\n    name: from_file\n/arm/policy:\n  ros__parameters:\n    joints: [a, b]\n");
        var node = Context("--ros-args", "--params-file", file, "-p", "rate:=30").CreateNode("policy", "/arm");
        Assert.That(node.DeclareParameter("rate", 1.0, "control rate in Hz"), Is.EqualTo(30.0));
        Assert.That(node.DeclareParameter("name", "default"), Is.EqualTo("from_file"));
        Assert.That(node.DeclareParameter("joints", new[] { "x" }), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(node.DeclareParameter("unset", 5L), Is.EqualTo(5L));
        Assert.That(node.Parameters.Descriptors.Single(d => d.Name == "rate").Description, Is.EqualTo("control rate in Hz"));
        var error = Assert.Throws<ParameterException>(() => node.DeclareParameter("name", 1L));
        Assert.That(error!.Message, Does.Contain("already declared"));
    }

    [Test]
    public void ParameterOfTheWrongTypeNamesParameterNodeAndSource()
    {
        var node = Context("--ros-args", "-p", "rate:=fast").CreateNode("policy");
        var error = Assert.Throws<ParameterException>(() => node.DeclareParameter("rate", 1.0));
        Assert.That(error!.Message, Is.EqualTo("parameter 'rate' of node '/policy' is declared double, but -p gives string 'fast'"));
        node.DeclareParameter("gain", 2.0, readOnly: true);
        Assert.Throws<ParameterException>(() => node.Parameters.Set("gain", 3.0));
    }

    [Test]
    public void DisposingANodeReleasesItsEndpoints()
    {
        var context = Context();
        var node = context.CreateNode("n");
        node.CreatePublisher<String>("/gone");
        node.CreateSubscription<Header>("/gone_too", _ => { });
        Assert.That(context.GetEndpoints().Select(e => e.DdsTopic), Is.SupersetOf(new[] { "rt/gone", "rt/gone_too" }));
        node.Dispose();
        Assert.That(context.GetEndpoints().Select(e => e.DdsTopic), Has.None.EqualTo("rt/gone").And.None.EqualTo("rt/gone_too"));
    }
}
