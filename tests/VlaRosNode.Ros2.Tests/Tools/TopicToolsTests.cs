using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Ros2.Tools;
using VlaRosNode.Ros2.Transport;
using String = VlaRosNode.Messages.StdMsgs.String;

namespace VlaRosNode.Ros2.Tests.Tools;

/// <summary>The logic behind `vla topic list/echo/pub/hz` and `vla interface show`, over the in-process backend.</summary>
public sealed class TopicToolsTests
{
    private readonly InProcessDomain _domain = new();
    private readonly List<RosContext> _contexts = [];

    [TearDown]
    public void DisposeContexts() => _contexts.ForEach(c => c.Dispose());

    private Node NewNode(string name)
    {
        var context = RosContext.Create([], new RosContextOptions { InProcess = _domain, LogOutput = TextWriter.Null });
        _contexts.Add(context);
        return context.CreateNode(name);
    }

    [Test]
    public void ListsRosTopicsWithTypesAndCounts()
    {
        var a = NewNode("a");
        a.CreatePublisher<JointState>("/joint_states");
        a.CreatePublisher<String>("/chatter", QosProfile.SensorData);
        NewNode("b").CreateSubscription<String>("/chatter", _ => { });
        var topics = GraphQuery.Topics(a.Context.GetEndpoints());
        Assert.That(topics, Is.EqualTo(new[]
        {
            new TopicSummary("/chatter", ["std_msgs/msg/String"], 1, 1),
            new TopicSummary("/joint_states", ["sensor_msgs/msg/JointState"], 1, 0),
            // Every node publishes its parameter changes and log records, as rclcpp nodes do.
            new TopicSummary("/parameter_events", ["rcl_interfaces/msg/ParameterEvent"], 2, 0),
            new TopicSummary("/rosout", ["rcl_interfaces/msg/Log"], 2, 0),
        }).Using<TopicSummary>((x, y) => x.Name == y.Name && x.Types.SequenceEqual(y.Types) && x.Publishers == y.Publishers && x.Subscriptions == y.Subscriptions));
        Assert.That(GraphQuery.AdaptedQos(a.Context.GetEndpoints(), "/chatter").Reliability, Is.EqualTo(Reliability.BestEffort));
        Assert.That(GraphQuery.AdaptedQos(a.Context.GetEndpoints(), "/joint_states").Reliability, Is.EqualTo(Reliability.Reliable));
    }

    [Test]
    public void EchoDiscoversTheTypeAndPrintsYamlDocuments()
    {
        var publisher = NewNode("talker").CreatePublisher<JointState>("/joint_states", QosProfile.SensorData);
        var echo = NewNode("echo");
        var output = new StringWriter();
        var run = Task.Run(() => TopicEcho.Run(echo, "/joint_states", null, null, 2, 128, output, TimeSpan.FromSeconds(10), CancellationToken.None));
        Wait.Until(() => publisher.SubscriptionCount == 1, "echo to subscribe");
        publisher.Publish(new JointState { Name = ["j1"], Position = [0.25] });
        publisher.Publish(new JointState { Name = ["j2"], Position = [-1] });
        Assert.That(run.Wait(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(run.Result, Is.EqualTo(2));
        var documents = output.ToString().Split("---\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(documents, Has.Length.EqualTo(2));
        Assert.That(documents[0], Does.Contain("name:\n- j1").And.Contain("position:\n- 0.25"));
    }

    [Test]
    public void EchoOfAnUnpublishedTopicWithoutTypeFailsClearly()
    {
        var error = Assert.Throws<ToolError>(() => TopicEcho.Run(NewNode("echo"), "/nothing", null, null, 1, 128, TextWriter.Null, TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("'/nothing' does not appear to be published"));
    }

    [Test]
    public void PubOnceWaitsForASubscriberAndSendsTheYamlMessage()
    {
        var received = new List<String>();
        var listener = NewNode("listener");
        listener.CreateSubscription<String>("/chatter", received.Add);
        var sent = TopicPublish.Run(NewNode("pub"), "/chatter", "std_msgs/msg/String", "{data: hello}", 1, 1, QosProfile.Default, TextWriter.Null, CancellationToken.None);
        listener.SpinOnce(TimeSpan.FromSeconds(5));
        Assert.That(sent, Is.EqualTo(1));
        Assert.That(received.Single().Data, Is.EqualTo("hello"));
    }

    [Test]
    public void PubRejectsYamlThatDoesNotFitTheType()
    {
        var error = Assert.Throws<ToolError>(() => TopicPublish.Run(NewNode("pub"), "/x", "std_msgs/msg/String", "{dta: 1}", 1, 1, QosProfile.Default, TextWriter.Null, CancellationToken.None));
        Assert.That(error!.Message, Does.Contain("no such field"));
        Assert.Throws<ToolError>(() => TopicPublish.Run(NewNode("pub2"), "/x", "nope_msgs/msg/Nope", "{}", 1, 1, QosProfile.Default, TextWriter.Null, CancellationToken.None));
    }

    [Test]
    public void RateWindowReportsMeanRateAndSpread()
    {
        var window = new RateWindow(3);
        Assert.That(window.Report(), Is.Null);
        foreach (var ms in new[] { 0, 100, 300, 400, 500 })
            window.Add(TimeSpan.FromMilliseconds(ms));
        // the last three intervals: 0.2, 0.1, 0.1 s
        Assert.That(window.Report(), Is.EqualTo("average rate: 7.500\n\tmin: 0.100s max: 0.200s std dev: 0.04714s window: 4"));
    }

    [Test]
    public void InterfaceShowExpandsNestedTypesWithTabs()
    {
        var text = InterfaceText.Show("sensor_msgs/msg/JointState");
        Assert.That(text, Does.Contain("std_msgs/Header header").And.Contain("\tbuiltin_interfaces/Time stamp").And.Contain("\t\tint32 sec").And.Contain("float64[] position"));
        Assert.Throws<ToolError>(() => InterfaceText.Show("no/Such"));
    }
}
