using Microsoft.Extensions.Logging;
using VlaRosNode.Messages;
using VlaRosNode.Messages.RosgraphMsgs;
using VlaRosNode.Ros2.Execution;
using VlaRosNode.Ros2.Graph;
using VlaRosNode.Ros2.Names;
using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Ros2;

/// <summary>A ROS 2 node (modelled on rclcpp::Node): publishers, subscriptions and timers whose callbacks run one
/// at a time on the node's executor, declared parameters, a ROS clock (simulated with <c>use_sim_time</c>) and a
/// logger named after the node. Disposing it releases every DDS entity it created.</summary>
public sealed class Node : IDisposable
{
    private readonly RosContext _context;
    private readonly NodeExecutor _executor = new();
    private readonly List<PublisherBase> _publishers = [];
    private readonly List<SubscriptionBase> _subscriptions = [];
    private readonly List<RosTimer> _timers = [];
    private readonly Func<NodeEntities> _entities;
    private Subscription<Clock>? _clockSubscription;
    private bool _disposed;

    internal Node(RosContext context, string name, string nodeNamespace)
    {
        TopicNames.ValidateNodeName(name);
        _context = context;
        Name = name;
        Namespace = TopicNames.NormalizeNamespace(nodeNamespace);
        FullyQualifiedName = TopicNames.FullyQualifiedName(Name, Namespace);
        // rclcpp's logger name: the namespace's tokens and the node name joined by dots.
        Logger = context.LoggerFactory.CreateLogger(string.Join('.', FullyQualifiedName.Split('/', StringSplitOptions.RemoveEmptyEntries)));
        Parameters = new NodeParameters(FullyQualifiedName, context.Arguments);
        _entities = Entities;
        context.Graph.Add(_entities);
        if (Parameters.Declare("use_sim_time", false, "take ROS time from /clock instead of the system clock"))
            UseSimulatedTime(true);
        Parameters.Changed += (name, value) => { if (name == "use_sim_time") UseSimulatedTime((bool)value.Value); };
    }

    public string Name { get; }

    /// <summary>Absolute namespace, <c>/</c> for the root.</summary>
    public string Namespace { get; }

    public string FullyQualifiedName { get; }

    /// <summary>The context this node belongs to.</summary>
    public RosContext Context => _context;

    public ILogger Logger { get; }

    public NodeParameters Parameters { get; }

    public RosClock Clock { get; } = new();

    /// <summary>Expands a topic name for this node (relative, <c>~</c>) and applies the context's remapping rules.</summary>
    public string ResolveTopicName(string topic) => TopicNames.Resolve(topic, Name, Namespace, _context.Arguments.Remaps);

    public Publisher<T> CreatePublisher<T>(string topic, QosProfile? qos = null) where T : class, IRosMessage<T>, new()
    {
        var (resolved, profile) = (ResolveTopicName(topic), qos ?? QosProfile.Default);
        var writer = _context.Transport.CreateWriter(TopicNames.ToDdsTopic(resolved), T.Info.DdsName, profile, new EndpointEvents(Logger, resolved, profile, isPublisher: true));
        return Register(new Publisher<T>(resolved, profile, writer, Forget));
    }

    /// <summary>A publisher of ready-made CDR payloads of a type given by name (ROS <c>pkg/msg/Type</c> or DDS name).</summary>
    public RawPublisher CreateRawPublisher(string topic, string rosType, QosProfile? qos = null)
    {
        var (resolved, profile) = (ResolveTopicName(topic), qos ?? QosProfile.Default);
        var writer = _context.Transport.CreateWriter(TopicNames.ToDdsTopic(resolved), DdsTypeName(rosType), profile, new EndpointEvents(Logger, resolved, profile, isPublisher: true));
        return Register(new RawPublisher(resolved, rosType, profile, writer, Forget));
    }

    public Subscription<T> CreateSubscription<T>(string topic, Action<T> callback, QosProfile? qos = null) where T : class, IRosMessage<T>, new() =>
        CreateSubscription<T>(topic, (message, _) => callback(message), qos);

    public Subscription<T> CreateSubscription<T>(string topic, Action<T, MessageInfo> callback, QosProfile? qos = null) where T : class, IRosMessage<T>, new()
    {
        var (resolved, profile) = (ResolveTopicName(topic), qos ?? QosProfile.Default);
        var events = new EndpointEvents(Logger, resolved, profile, isPublisher: false);
        var reader = _context.Transport.CreateReader(TopicNames.ToDdsTopic(resolved), T.Info.DdsName, profile, events);
        return Register(new Subscription<T>(resolved, profile, reader, Logger, callback, Forget), events);
    }

    /// <summary>A subscription that hands over undecoded CDR payloads of a type given by name.</summary>
    public RawSubscription CreateRawSubscription(string topic, string rosType, RawMessageHandler callback, QosProfile? qos = null)
    {
        var (resolved, profile) = (ResolveTopicName(topic), qos ?? QosProfile.Default);
        var events = new EndpointEvents(Logger, resolved, profile, isPublisher: false);
        var reader = _context.Transport.CreateReader(TopicNames.ToDdsTopic(resolved), DdsTypeName(rosType), profile, events);
        return Register(new RawSubscription(resolved, rosType, profile, reader, Logger, callback, Forget), events);
    }

    /// <summary>Calls <paramref name="callback"/> every <paramref name="period"/> of this node's ROS clock.</summary>
    public RosTimer CreateTimer(TimeSpan period, Action callback)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var timer = new RosTimer(Clock, period, callback, t =>
        {
            _executor.RemoveTimer(t);
            lock (_timers)
                _timers.Remove(t);
        });
        lock (_timers)
            _timers.Add(timer);
        _executor.AddTimer(timer);
        return timer;
    }

    public T DeclareParameter<T>(string name, T defaultValue, string description = "", bool readOnly = false) where T : notnull =>
        Parameters.Declare(name, defaultValue, description, readOnly);

    /// <summary>Runs what is ready, waiting up to <paramref name="timeout"/>; true when a callback ran.</summary>
    public bool SpinOnce(TimeSpan timeout) => _executor.SpinOnce(timeout);

    /// <summary>Runs callbacks on this thread until cancelled or the node is disposed.</summary>
    public void Spin(CancellationToken cancellation) => _executor.Spin(cancellation);

    /// <summary>Runs callbacks on a background thread of the node's own until it is disposed.</summary>
    public void StartSpinning() => _executor.Start(FullyQualifiedName);

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _executor.Dispose();
        foreach (var s in Snapshot(_subscriptions))
            s.Dispose();
        foreach (var p in Snapshot(_publishers))
            p.Dispose();
        foreach (var t in Snapshot(_timers))
            t.Dispose();
        _context.Graph.Remove(_entities);
        _context.Forget(this);
    }

    internal NodeEntities Entities()
    {
        lock (_publishers)
        lock (_subscriptions)
            return new NodeEntities(Namespace, Name, [.. _subscriptions.Select(s => s.Gid)], [.. _publishers.Select(p => p.Gid)]);
    }

    private void UseSimulatedTime(bool enabled)
    {
        Clock.UseSimulatedTime(enabled);
        if (enabled && _clockSubscription is null)
            _clockSubscription = CreateSubscription<Clock>("/clock", m =>
            {
                Clock.SetSimulated(RosTime.FromParts(m.Clock_.Sec, m.Clock_.Nanosec));
                _executor.Wake();
            }, QosProfile.Clock);
        _executor.Wake();
    }

    private TPublisher Register<TPublisher>(TPublisher publisher) where TPublisher : PublisherBase
    {
        lock (_publishers)
            _publishers.Add(publisher);
        _context.Graph.Publish();
        return publisher;
    }

    private TSubscription Register<TSubscription>(TSubscription subscription, EndpointEvents events) where TSubscription : SubscriptionBase
    {
        lock (_subscriptions)
            _subscriptions.Add(subscription);
        events.Executor = _executor;
        events.Work = subscription.Executable;
        // Data may have arrived between creating the reader and wiring its events.
        _executor.Signal(subscription.Executable);
        _context.Graph.Publish();
        return subscription;
    }

    private void Forget(PublisherBase publisher)
    {
        lock (_publishers)
            _publishers.Remove(publisher);
        if (!_disposed)
            _context.Graph.Publish();
    }

    private void Forget(SubscriptionBase subscription)
    {
        lock (_subscriptions)
            _subscriptions.Remove(subscription);
        if (!_disposed)
            _context.Graph.Publish();
    }

    private static T[] Snapshot<T>(List<T> list)
    {
        lock (list)
            return [.. list];
    }

    private static string DdsTypeName(string rosType) => MessageRegistry.Find(rosType)?.DdsName ?? TypeNames.ToDds(rosType);
}
