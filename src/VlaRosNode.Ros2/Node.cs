using Microsoft.Extensions.Logging;
using VlaRosNode.Messages;
using VlaRosNode.Messages.RclInterfaces;
using VlaRosNode.Messages.RosgraphMsgs;
using VlaRosNode.Ros2.Execution;
using VlaRosNode.Ros2.Graph;
using VlaRosNode.Ros2.Logging;
using VlaRosNode.Ros2.Names;
using VlaRosNode.Ros2.Parameters;
using VlaRosNode.Ros2.Services;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2;

/// <summary>A ROS 2 node (modelled on rclcpp::Node): publishers, subscriptions, services, clients and timers whose
/// callbacks run one at a time on the node's executor, declared parameters (served to <c>ros2 param</c>, changes on
/// <c>/parameter_events</c>), a ROS clock (simulated with <c>use_sim_time</c>) and a logger named after the node that
/// also publishes on <c>/rosout</c>. Disposing it releases every DDS entity it created.</summary>
public sealed class Node : IDisposable
{
    private readonly RosContext _context;
    private readonly NodeExecutor _executor;
    private readonly List<PublisherBase> _publishers = [];
    private readonly List<SubscriptionBase> _subscriptions = [];
    private readonly List<RosTimer> _timers = [];
    private readonly List<ServiceEndpoints> _services = [];
    private readonly Func<NodeEntities> _entities;
    private readonly ParameterService? _parameterService;
    private Subscription<Clock>? _clockSubscription;
    private bool _disposed;

    internal Node(RosContext context, string name, string nodeNamespace, NodeOptions options)
    {
        TopicNames.ValidateNodeName(name);
        _context = context;
        _executor = new NodeExecutor(context.Transport.CreateWaitSet());
        Name = name;
        Namespace = TopicNames.NormalizeNamespace(nodeNamespace);
        FullyQualifiedName = TopicNames.FullyQualifiedName(Name, Namespace);
        _entities = Entities;
        context.Graph.Add(_entities);
        // rclcpp's logger name: the namespace's tokens and the node name joined by dots.
        var loggerName = string.Join('.', FullyQualifiedName.Split('/', StringSplitOptions.RemoveEmptyEntries));
        Logger = context.LoggerFactory.CreateLogger(loggerName);
        if (options.EnableRosout)
            Logger = new RosoutLogger(Logger, loggerName, CreatePublisher<Log>("/rosout", QosProfile.Rosout));
        Parameters = new NodeParameters(FullyQualifiedName, context.Arguments);
        if (options.StartParameterEventPublisher)
            ParameterEventPublisher.Attach(this);
        if (Parameters.Declare("use_sim_time", false, "take ROS time from /clock instead of the system clock"))
            UseSimulatedTime(true);
        Parameters.Changed += (name, value) => { if (name == "use_sim_time") UseSimulatedTime((bool)value.Value); };
        if (options.StartParameterServices)
            _parameterService = new ParameterService(this);
    }

    public string Name { get; }

    /// <summary>Absolute namespace, <c>/</c> for the root.</summary>
    public string Namespace { get; }

    public string FullyQualifiedName { get; }

    /// <summary>The context this node belongs to.</summary>
    public RosContext Context => _context;

    public ILogger Logger { get; private set; }

    public NodeParameters Parameters { get; }

    public RosClock Clock { get; } = new();

    /// <summary>Expands a topic name for this node (relative, <c>~</c>) and applies the context's remapping rules.</summary>
    public string ResolveTopicName(string topic) => TopicNames.Resolve(topic, Name, Namespace, _context.Arguments.Remaps);

    public Publisher<T> CreatePublisher<T>(string topic, QosProfile? qos = null) where T : class, IRosMessage<T>, new()
    {
        var (resolved, profile) = (ResolveTopicName(topic), qos ?? QosProfile.Default);
        var writer = _context.Transport.CreateWriter(TopicNames.ToDdsTopic(resolved), T.Info.DdsName, profile, new EndpointEvents(Logger, resolved, profile, isPublisher: true), TypeHashUserData(T.Info));
        return Register(new Publisher<T>(resolved, profile, writer, Forget));
    }

    /// <summary>A publisher of ready-made CDR payloads of a type given by name (ROS <c>pkg/msg/Type</c> or DDS name).</summary>
    public RawPublisher CreateRawPublisher(string topic, string rosType, QosProfile? qos = null)
    {
        var (resolved, profile) = (ResolveTopicName(topic), qos ?? QosProfile.Default);
        var writer = _context.Transport.CreateWriter(TopicNames.ToDdsTopic(resolved), DdsTypeName(rosType), profile, new EndpointEvents(Logger, resolved, profile, isPublisher: true), TypeHashUserData(MessageRegistry.Find(rosType)));
        return Register(new RawPublisher(resolved, rosType, profile, writer, Forget));
    }

    public Subscription<T> CreateSubscription<T>(string topic, Action<T> callback, QosProfile? qos = null, MessageLifetime lifetime = MessageLifetime.Owned) where T : class, IRosMessage<T>, new() =>
        CreateSubscription<T>(topic, (message, _) => callback(message), qos, lifetime);

    /// <param name="lifetime"><see cref="MessageLifetime.Callback"/>: one message object reused for every delivery.</param>
    public Subscription<T> CreateSubscription<T>(string topic, Action<T, MessageInfo> callback, QosProfile? qos = null, MessageLifetime lifetime = MessageLifetime.Owned) where T : class, IRosMessage<T>, new()
    {
        var (resolved, profile) = (ResolveTopicName(topic), qos ?? QosProfile.Default);
        var events = new EndpointEvents(Logger, resolved, profile, isPublisher: false);
        var reader = _context.Transport.CreateReader(TopicNames.ToDdsTopic(resolved), T.Info.DdsName, profile, events, TypeHashUserData(T.Info));
        return RegisterSubscription(new Subscription<T>(resolved, profile, reader, Logger, callback, lifetime, Forget));
    }

    /// <summary>A subscription that hands over undecoded CDR payloads of a type given by name.</summary>
    public RawSubscription CreateRawSubscription(string topic, string rosType, RawMessageHandler callback, QosProfile? qos = null)
    {
        var (resolved, profile) = (ResolveTopicName(topic), qos ?? QosProfile.Default);
        var events = new EndpointEvents(Logger, resolved, profile, isPublisher: false);
        var reader = _context.Transport.CreateReader(TopicNames.ToDdsTopic(resolved), DdsTypeName(rosType), profile, events, TypeHashUserData(MessageRegistry.Find(rosType)));
        return RegisterSubscription(new RawSubscription(resolved, rosType, profile, reader, Logger, callback, Forget));
    }

    /// <summary>Serves <paramref name="service"/> (resolved like a topic): <paramref name="handler"/> answers each request
    /// on the node's executor. Topics <c>rq/…Request</c> and <c>rr/…Reply</c> as rmw_cyclonedds names them.</summary>
    public Service<TRequest, TResponse> CreateService<TRequest, TResponse>(string service, Func<TRequest, TResponse> handler, QosProfile? qos = null)
        where TRequest : class, IRosMessage<TRequest>, new()
        where TResponse : class, IRosMessage<TResponse>, new()
    {
        var (resolved, profile) = (ResolveTopicName(service), qos ?? QosProfile.ServicesDefault);
        var events = new EndpointEvents(Logger, resolved, profile, isPublisher: false);
        var requests = _context.Transport.CreateReader(ServiceWire.RequestTopic(resolved), TRequest.Info.DdsName, profile, events, TypeHashUserData(TRequest.Info));
        var replies = _context.Transport.CreateWriter(ServiceWire.ReplyTopic(resolved), TResponse.Info.DdsName, profile, new EndpointEvents(Logger, resolved, profile, isPublisher: true), TypeHashUserData(TResponse.Info));
        var created = new Service<TRequest, TResponse>(resolved, requests, replies, Logger, handler, Forget);
        return RegisterService(created, requests, created.ReplyWriterGid, created.Executable);
    }

    /// <summary>A client of <paramref name="service"/>; replies complete its calls on this node's executor, so spin the node.</summary>
    public Client<TRequest, TResponse> CreateClient<TRequest, TResponse>(string service, QosProfile? qos = null)
        where TRequest : class, IRosMessage<TRequest>, new()
        where TResponse : class, IRosMessage<TResponse>, new()
    {
        var (resolved, profile) = (ResolveTopicName(service), qos ?? QosProfile.ServicesDefault);
        var events = new EndpointEvents(Logger, resolved, profile, isPublisher: false);
        // A fresh id names this client in both endpoints' USER_DATA (rmw_cyclonedds's clientid=).
        var clientId = ServiceWire.ClientIdEntry(Guid.NewGuid().ToByteArray());
        var replies = _context.Transport.CreateReader(ServiceWire.ReplyTopic(resolved), TResponse.Info.DdsName, profile, events, clientId + TypeHashUserData(TResponse.Info));
        var requests = _context.Transport.CreateWriter(ServiceWire.RequestTopic(resolved), TRequest.Info.DdsName, profile, new EndpointEvents(Logger, resolved, profile, isPublisher: true), clientId + TypeHashUserData(TRequest.Info));
        var created = new Client<TRequest, TResponse>(resolved, requests, replies, Logger, Forget);
        return RegisterService(created, replies, created.RequestWriterGid, created.Executable);
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
        (Logger as RosoutLogger)?.Close();
        _executor.Dispose();
        _parameterService?.Dispose();
        foreach (var s in Snapshot(_services))
            ((IDisposable)s.Owner).Dispose();
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
        lock (_services)
            return new NodeEntities(Namespace, Name,
                [.. _subscriptions.Select(s => s.Gid), .. _services.Select(s => s.ReaderGid)],
                [.. _publishers.Select(p => p.Gid), .. _services.Select(s => s.WriterGid)]);
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

    private TSubscription RegisterSubscription<TSubscription>(TSubscription subscription) where TSubscription : SubscriptionBase
    {
        lock (_subscriptions)
            _subscriptions.Add(subscription);
        _executor.Attach(subscription.Reader, subscription.Executable);
        _context.Graph.Publish();
        return subscription;
    }

    private T RegisterService<T>(T owner, ITransportReader reader, byte[] writerGid, IExecutable work) where T : class
    {
        lock (_services)
            _services.Add(new ServiceEndpoints(owner, reader, writerGid));
        _executor.Attach(reader, work);
        _context.Graph.Publish();
        return owner;
    }

    private void Forget(object serviceOrClient)
    {
        lock (_services)
        {
            var index = _services.FindIndex(s => s.Owner == serviceOrClient); // one entry per service or client
            if (index >= 0)
            {
                _executor.Detach(_services[index].Reader);
                _services.RemoveAt(index);
            }
        }
        if (!_disposed)
            _context.Graph.Publish();
    }

    /// <summary>Iron and later expect <c>typehash=RIHS01_…;</c> in each endpoint's USER_DATA; Humble knows no hashes.</summary>
    private string TypeHashUserData(MessageTypeInfo? type) =>
        RosDistro.HasTypeHashes(_context.Distro) && type is { TypeHash.Length: > 0 } ? $"typehash={type.TypeHash};" : "";

    /// <summary>A service's or client's reader and writer, for ros_discovery_info.</summary>
    private sealed record ServiceEndpoints(object Owner, ITransportReader Reader, byte[] WriterGid)
    {
        public byte[] ReaderGid => Reader.Gid;
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
        _executor.Detach(subscription.Reader);
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
