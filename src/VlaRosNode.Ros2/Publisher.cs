using VlaRosNode.Messages;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2;

/// <summary>What every publisher has: its resolved topic, QoS and DDS writer; disposing releases the writer.</summary>
public abstract class PublisherBase : IDisposable
{
    private readonly Action<PublisherBase> _onDispose;
    private bool _disposed;

    private protected PublisherBase(string topic, string rosType, QosProfile qos, ITransportWriter writer, Action<PublisherBase> onDispose)
    {
        Topic = topic;
        RosType = rosType;
        Qos = qos;
        Writer = writer;
        _onDispose = onDispose;
    }

    /// <summary>Fully qualified topic name after remapping.</summary>
    public string Topic { get; }

    public string RosType { get; }

    public QosProfile Qos { get; }

    /// <summary>Subscriptions currently matched (on this machine and elsewhere).</summary>
    public int SubscriptionCount => Writer.MatchedCount;

    internal ITransportWriter Writer { get; }

    internal byte[] Gid => Writer.Gid;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Writer.Dispose();
        _onDispose(this);
        GC.SuppressFinalize(this);
    }
}

/// <summary>Publishes one generated message type; each message is serialised straight into the transport's buffer.</summary>
public sealed class Publisher<T> : PublisherBase where T : class, IRosMessage<T>, new()
{
    internal Publisher(string topic, QosProfile qos, ITransportWriter writer, Action<PublisherBase> onDispose)
        : base(topic, T.Info.RosName, qos, writer, onDispose) { }

    public void Publish(T message) =>
        Writer.Write(message.GetSerializedSize(), message, static (destination, m) => m.Serialize(destination));
}

/// <summary>Publishes ready-made CDR payloads (encapsulation header included) of a type known by name only.</summary>
public sealed class RawPublisher : PublisherBase
{
    internal RawPublisher(string topic, string rosType, QosProfile qos, ITransportWriter writer, Action<PublisherBase> onDispose)
        : base(topic, rosType, qos, writer, onDispose) { }

    public void Publish(ReadOnlySpan<byte> cdr) =>
        Writer.Write(cdr.Length, cdr, static (destination, payload) => payload.CopyTo(destination));
}
