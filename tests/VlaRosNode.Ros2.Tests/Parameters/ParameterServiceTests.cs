using VlaRosNode.Messages.RclInterfaces;
using VlaRosNode.Ros2.Dds;
using VlaRosNode.Ros2.Parameters;
using VlaRosNode.Ros2.Tools;
using FloatingPointRange = VlaRosNode.Ros2.Parameters.FloatingPointRange;
using ParameterDescriptor = VlaRosNode.Ros2.Parameters.ParameterDescriptor;

namespace VlaRosNode.Ros2.Tests.Parameters;

/// <summary>The parameter services and /parameter_events over real Cyclone DDS on loopback: `vla param`'s logic in
/// this process against a node in a second process (VlaRosNode.Ros2.TestPeer param-node), and two contexts in one.</summary>
public sealed class ParameterServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly List<RosContext> _contexts = [];
    private uint _domain;

    [SetUp]
    public void PickDomain() => _domain = TestDomain.Next();

    [TearDown]
    public void DisposeContexts() => _contexts.ForEach(c => c.Dispose());

    private Node NewNode(string name, string distro = "humble")
    {
        var context = RosContext.Create([], new RosContextOptions { DomainId = _domain, CycloneConfig = CycloneConfig.Loopback, LogOutput = TextWriter.Null, RosDistro = distro });
        _contexts.Add(context);
        return context.CreateNode(name);
    }

    [Test]
    public void ListGetSetAndRefusalsAgainstANodeInAnotherProcess()
    {
        using var peer = PeerProcess.Start("param-node", _domain.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var events = new List<ParameterEvent>();
        var listener = NewNode("event_listener");
        var subscription = listener.CreateSubscription<ParameterEvent>("/parameter_events", e => { lock (events) events.Add(e); }, QosProfile.ParameterEvents);
        listener.StartSpinning();

        Assert.That(ParameterTool.List(NewNode("lister"), "/param_peer", Timeout, default),
            Is.EqualTo(new[] { "  frame", "  gain", "  joints", "  mode", "  rate", "  use_sim_time" }));
        string Get(string name) => ParameterTool.Get(NewNode("getter"), "param_peer", name, Timeout, default);
        (bool, string) Set(string name, string value) => ParameterTool.Set(NewNode("setter"), "/param_peer", name, value, Timeout, default);
        Assert.Multiple(() =>
        {
            Assert.That(Get("gain"), Is.EqualTo("Double value is: 0.5"));
            Assert.That(Get("rate"), Is.EqualTo("Integer value is: 30"));
            Assert.That(Get("joints"), Is.EqualTo("String values are: ['shoulder', 'elbow']"));
            Assert.That(Get("use_sim_time"), Is.EqualTo("Boolean value is: False"));
            Assert.That(Get("nope"), Is.EqualTo("Parameter not set."));
        });

        Wait.Until(() => subscription.PublisherCount > 0, "the peer's /parameter_events publisher to match");
        Assert.Multiple(() =>
        {
            Assert.That(Set("gain", "0.75"), Is.EqualTo((true, "Set parameter successful")));
            Assert.That(Set("gain", "0.6"), Is.EqualTo((false, "Setting parameter failed: Parameter {gain} doesn't comply with floating point range.")));
            Assert.That(Set("gain", "2"), Is.EqualTo((false, "Setting parameter failed: Parameter {gain} doesn't comply with floating point range.")));
            Assert.That(Set("rate", "0"), Is.EqualTo((false, "Setting parameter failed: Parameter {rate} doesn't comply with integer range.")));
            Assert.That(Set("rate", "fast"), Is.EqualTo((false, "Setting parameter failed: Wrong parameter type, parameter {rate} is of type {integer}, setting it to {string} is not allowed.")));
            Assert.That(Set("frame", "tool0"), Is.EqualTo((false, "Setting parameter failed: parameter 'frame' cannot be set because it is read-only")));
            Assert.That(Set("mode", "unsafe"), Is.EqualTo((false, "Setting parameter failed: mode 'unsafe' needs the safety controller")));
            Assert.That(Set("nope", "1"), Is.EqualTo((false, "Setting parameter failed: parameter 'nope' cannot be set because it was not declared")));
            Assert.That(Set("mode", "run"), Is.EqualTo((true, "Set parameter successful")));
        });
        Assert.That(Get("gain"), Is.EqualTo("Double value is: 0.75"));
        Assert.That(Get("mode"), Is.EqualTo("String value is: run"));

        // Events are reliable and ordered: the refused sets in between published nothing.
        Wait.Until(() => { lock (events) return events.Any(e => e.ChangedParameters.Any(p => p.Name == "mode")); }, "the event of the accepted mode change");
        List<string> changes;
        lock (events)
            changes = [.. events.Where(e => e.Node == "/param_peer").SelectMany(e => e.ChangedParameters).Select(p => $"{p.Name}={ParameterMessages.FromMessage(p.Value)}")];
        Assert.That(changes, Is.EqualTo(new[] { "gain=0.75", "mode=run" }));
    }

    [Test]
    public void DescribeGetTypesListByPrefixAndSetAtomicallyBetweenTwoContexts()
    {
        var server = NewNode("arm_driver", "jazzy");
        ParameterDeclarations(server);
        server.StartSpinning();
        var caller = NewNode("caller", "jazzy");
        caller.StartSpinning();
        TResponse Call<TRequest, TResponse>(string service, TRequest request)
            where TRequest : class, Messages.IRosMessage<TRequest>, new()
            where TResponse : class, Messages.IRosMessage<TResponse>, new()
        {
            using var client = caller.CreateClient<TRequest, TResponse>("/arm_driver/" + service);
            Assert.That(client.WaitForService(Timeout), Is.True, service);
            var call = client.CallAsync(request);
            Assert.That(call.Wait(Timeout), Is.True, service);
            return call.Result;
        }

        var described = Call<DescribeParameters_Request, DescribeParameters_Response>("describe_parameters", new() { Names = ["camera.exposure", "camera.gain"] }).Descriptors;
        Assert.That(described.Select(d => (d.Name, d.Type, d.Description, d.ReadOnly)), Is.EqualTo(new[]
        {
            ("camera.exposure", (byte)3, "exposure in ms", false), ("camera.gain", (byte)2, "sensor gain", true),
        }));
        Assert.That(described[0].FloatingPointRange.Single(), Has.Property("FromValue").EqualTo(0.1).And.Property("ToValue").EqualTo(50.0).And.Property("Step").EqualTo(0.0));
        Assert.That(described[0].IntegerRange, Is.Empty);
        Assert.That(Call<DescribeParameters_Request, DescribeParameters_Response>("describe_parameters", new() { Names = ["camera.gain", "nope"] }).Descriptors, Is.Empty, "rclcpp answers nothing when a name is unknown");

        Assert.That(Call<GetParameterTypes_Request, GetParameterTypes_Response>("get_parameter_types", new() { Names = ["camera.exposure", "joints.names", "nope"] }).Types,
            Is.EqualTo(new byte[] { 3, 9, 0 }));

        var underCamera = Call<ListParameters_Request, ListParameters_Response>("list_parameters", new() { Prefixes = ["camera"], Depth = 1 }).Result;
        Assert.That(underCamera.Names, Is.EqualTo(new[] { "camera.exposure", "camera.gain" }));
        Assert.That(underCamera.Prefixes, Is.EqualTo(new[] { "camera" }));
        var topLevel = Call<ListParameters_Request, ListParameters_Response>("list_parameters", new() { Depth = 1 }).Result;
        Assert.That(topLevel.Names, Is.EqualTo(new[] { "use_sim_time" }));

        var atomic = Call<SetParametersAtomically_Request, SetParametersAtomically_Response>("set_parameters_atomically", new()
        {
            Parameters = [Parameter("camera.exposure", 20.0), Parameter("camera.gain", 4L)],
        }).Result;
        Assert.That((atomic.Successful, atomic.Reason), Is.EqualTo((false, "parameter 'camera.gain' cannot be set because it is read-only")));
        Assert.That(server.Parameters.Get<double>("camera.exposure"), Is.EqualTo(10.0), "nothing of a refused atomic set applies");

        var separate = Call<SetParameters_Request, SetParameters_Response>("set_parameters", new()
        {
            Parameters = [Parameter("camera.exposure", 20.0), Parameter("camera.gain", 4L), new Parameter { Name = "camera.exposure" }],
        }).Results;
        Assert.That(separate.Select(r => r.Successful), Is.EqualTo(new[] { true, false, false }));
        Assert.That(separate[2].Reason, Does.Contain("cannot be undeclared"));
        Assert.That(server.Parameters.Get<double>("camera.exposure"), Is.EqualTo(20.0));
    }

    [Test]
    public void DeclarationsArePublishedAsNewParameters()
    {
        var events = new List<ParameterEvent>();
        var listener = NewNode("listener");
        var subscription = listener.CreateSubscription<ParameterEvent>("/parameter_events", e => { lock (events) events.Add(e); }, QosProfile.ParameterEvents);
        listener.StartSpinning();
        var node = NewNode("late");
        Wait.Until(() => subscription.PublisherCount == 2, "both nodes' /parameter_events publishers to match"); // the listener's own and late's
        node.DeclareParameter("speed", 1.5, "m/s");
        Wait.Until(() => { lock (events) return events.Any(e => e.Node == "/late" && e.NewParameters.Any(p => p.Name == "speed")); }, "the declaration event");
        ParameterEvent declared;
        lock (events)
            declared = events.Single(e => e.NewParameters.Any(p => p.Name == "speed"));
        Assert.That(declared.NewParameters.Single().Value.DoubleValue, Is.EqualTo(1.5));
        Assert.That(declared.ChangedParameters, Is.Empty);
        Assert.That(declared.Stamp.Sec, Is.GreaterThan(1_600_000_000), "stamped with the node's (system) clock");
    }

    private static void ParameterDeclarations(Node node)
    {
        node.Parameters.Declare(new ParameterDescriptor("camera.exposure", ParameterType.Double, "exposure in ms", false) { FloatingPointRange = new FloatingPointRange(0.1, 50) }, 10.0);
        node.Parameters.Declare(new ParameterDescriptor("camera.gain", ParameterType.Integer, "sensor gain", true), 2L);
        node.DeclareParameter("joints.names", new[] { "a" });
    }

    private static Parameter Parameter(string name, object value) =>
        new() { Name = name, Value = ParameterMessages.ToMessage(Ros2.Parameters.ParameterValue.From(value)) };
}
