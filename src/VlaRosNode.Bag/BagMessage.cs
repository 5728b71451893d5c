using VlaRosNode.Messages;

namespace VlaRosNode.Bag;

/// <summary>One stored message: its topic, times and raw CDR payload. Decoding happens only when asked.</summary>
/// <param name="LogTime">Receive time in nanoseconds since the epoch (rosbag2's <c>timestamp</c>).</param>
/// <param name="PublishTime">Send time where the storage has one, else the receive time.</param>
/// <param name="Data">CDR payload, encapsulation header included. Valid as long as the message is referenced.</param>
public readonly record struct BagMessage(TopicMetadata Topic, long LogTime, long PublishTime, ReadOnlyMemory<byte> Data)
{
    /// <summary>Decodes the payload into the generated type; throws <see cref="CdrException"/> on malformed CDR.</summary>
    public T Deserialize<T>() where T : class, IRosMessage<T>, new() => T.Deserialize(Data.Span);

    /// <summary>Decodes the payload into the generated type registered for the topic's type name; throws
    /// <see cref="KeyNotFoundException"/> for a type we have no definition of, <see cref="CdrException"/> on malformed CDR.</summary>
    public IRosMessage Deserialize() => MessageRegistry.Get(Topic.Type).Decode(Data.Span);
}
