using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2.Graph;

/// <summary>Keeps <c>ros_discovery_info</c> current for one context (one DDS participant), so <c>ros2 node list</c>
/// and <c>ros2 node info</c> show our nodes with their publishers and subscriptions.</summary>
internal sealed class GraphPresence : IDisposable
{
    private readonly ITransport _transport;
    private readonly ITransportWriter _writer;
    private readonly int _gidSize;
    private readonly List<Func<NodeEntities>> _nodes = [];

    public GraphPresence(ITransport transport, string distro)
    {
        _transport = transport;
        _gidSize = RosDistro.GidSize(distro);
        _writer = transport.CreateWriter(DiscoveryInfo.Topic, DiscoveryInfo.DdsType, DiscoveryInfo.Qos, NoEvents.Instance);
    }

    public void Add(Func<NodeEntities> node)
    {
        lock (_nodes)
            _nodes.Add(node);
        Publish();
    }

    public void Remove(Func<NodeEntities> node)
    {
        lock (_nodes)
            _nodes.Remove(node);
        Publish();
    }

    /// <summary>Sends the current picture of all this context's nodes (call after any endpoint change).</summary>
    public void Publish()
    {
        lock (_nodes)
        {
            List<NodeEntities> nodes = [.. _nodes.Select(n => n())];
            var state = (Gid: _transport.ParticipantGid, Nodes: nodes, GidSize: _gidSize);
            _writer.Write(DiscoveryInfo.Size(nodes, _gidSize), state,
                static (destination, s) => DiscoveryInfo.Write(destination, s.Gid, s.Nodes, s.GidSize));
        }
    }

    public void Dispose() => _writer.Dispose();

    private sealed class NoEvents : IEndpointEvents
    {
        public static readonly NoEvents Instance = new();
        public void OnIncompatibleQos(string policy) { }
        public void OnMatchedChanged(int currentCount) { }
    }
}
