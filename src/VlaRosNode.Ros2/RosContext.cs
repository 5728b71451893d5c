using Microsoft.Extensions.Logging;
using VlaRosNode.Ros2.Dds;
using VlaRosNode.Ros2.Graph;
using VlaRosNode.Ros2.Logging;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2;

/// <summary>How a context connects; everything is optional.</summary>
public sealed class RosContextOptions
{
    /// <summary>DDS domain; default <c>ROS_DOMAIN_ID</c>, else 0.</summary>
    public uint? DomainId { get; init; }

    /// <summary>Cyclone XML configuration. Default: <see cref="CycloneConfig.Loopback"/> when <c>ROS_LOCALHOST_ONLY=1</c>
    /// and <c>CYCLONEDDS_URI</c> is unset, otherwise Cyclone's own (which reads <c>CYCLONEDDS_URI</c>).</summary>
    public string? CycloneConfig { get; init; }

    /// <summary>Use this in-process domain instead of DDS (unit tests).</summary>
    public InProcessDomain? InProcess { get; init; }

    /// <summary>ROS release to match on the wire (Gid size of ros_discovery_info); default <c>ROS_DISTRO</c>, else humble.</summary>
    public string? RosDistro { get; init; }

    /// <summary>Where loggers go; default the ROS console format on standard error at <c>--log-level</c>.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Where the default console logger writes (standard error if null).</summary>
    public TextWriter? LogOutput { get; init; }
}

/// <summary>The process's connection to a ROS 2 graph, made from its command line (rclcpp's <c>rclcpp::init</c> +
/// context): one DDS participant shared by every node created from it.</summary>
public sealed class RosContext : IDisposable
{
    private readonly ITransport _transport;
    private readonly GraphPresence _graph;
    private readonly ILoggerFactory? _ownedLoggerFactory;
    private readonly List<Node> _nodes = [];
    private bool _disposed;

    private RosContext(RosArguments arguments, RosContextOptions options)
    {
        Arguments = arguments;
        DomainId = options.DomainId ?? DomainFromEnvironment();
        Distro = RosDistro.Resolve(options.RosDistro);
        if (options.LoggerFactory is { } factory)
        {
            LoggerFactory = factory;
        }
        else
        {
            var level = arguments.LogLevel ?? LogLevel.Information;
            var provider = new RosConsoleLoggerProvider(options.LogOutput ?? Console.Error, level, arguments.LoggerLevels);
            LoggerFactory = _ownedLoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));
        }
        _transport = options.InProcess is { } domain
            ? new InProcessTransport(domain)
            : new CycloneTransport(DomainId, options.CycloneConfig ?? DefaultCycloneConfig(), "enclave=/;");
        try
        {
            _graph = new GraphPresence(_transport, Distro);
        }
        catch
        {
            _transport.Dispose();
            throw;
        }
    }

    /// <summary>Parses <c>--ros-args</c> from <paramref name="args"/> (a <see cref="RosArgumentException"/> or
    /// <see cref="Parameters.ParameterException"/> says what is wrong) and joins the domain.</summary>
    public static RosContext Create(IEnumerable<string> args, RosContextOptions? options = null) =>
        new(RosArguments.Parse(args), options ?? new RosContextOptions());

    public RosArguments Arguments { get; }

    public uint DomainId { get; }

    /// <summary>The ROS release matched on the wire, e.g. <c>humble</c> or <c>jazzy</c>.</summary>
    public string Distro { get; }

    public ILoggerFactory LoggerFactory { get; }

    internal ITransport Transport => _transport;

    internal GraphPresence Graph => _graph;

    /// <summary>Creates a node; <c>-r __node:=</c> and <c>-r __ns:=</c> override the name and namespace given here.</summary>
    public Node CreateNode(string name, string nodeNamespace = "/", NodeOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var (finalName, finalNs) = Arguments.ResolveNodeIdentity(name, nodeNamespace);
        var node = new Node(this, finalName, finalNs, options ?? NodeOptions.Default);
        lock (_nodes)
            _nodes.Add(node);
        return node;
    }

    /// <summary>Every publication and subscription visible in the domain (DDS names).</summary>
    public IReadOnlyList<EndpointInfo> GetEndpoints() => _transport.GetEndpoints();

    internal void Forget(Node node)
    {
        lock (_nodes)
            _nodes.Remove(node);
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Node[] nodes;
        lock (_nodes)
            nodes = [.. _nodes];
        foreach (var node in nodes)
            node.Dispose();
        _graph.Dispose();
        _transport.Dispose();
        _ownedLoggerFactory?.Dispose();
    }

    private static uint DomainFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("ROS_DOMAIN_ID");
        if (string.IsNullOrWhiteSpace(text))
            return 0;
        return uint.TryParse(text, out var id) && id <= 232
            ? id
            : throw new RosArgumentException($"ROS_DOMAIN_ID='{text}' is not a domain id (0 to 232)");
    }

    private static string? DefaultCycloneConfig() =>
        Environment.GetEnvironmentVariable("ROS_LOCALHOST_ONLY") == "1" && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CYCLONEDDS_URI"))
            ? Dds.CycloneConfig.Loopback
            : null;
}
