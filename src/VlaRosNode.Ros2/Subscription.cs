using Microsoft.Extensions.Logging;
using VlaRosNode.Messages;
using VlaRosNode.Ros2.Execution;
using VlaRosNode.Ros2.Logging;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2;

/// <summary>About one received message.</summary>
/// <param name="SourceTimestamp">When the publisher wrote it (system time).</param>
/// <param name="ReceivedTimestamp">When this node took it (system time).</param>
public readonly record struct MessageInfo(RosTime SourceTimestamp, RosTime ReceivedTimestamp);

/// <summary>Receives CDR payloads on the node's executor. A payload that does not decode is dropped, counted in
/// <see cref="MalformedCount"/> and logged at most every few seconds; later messages are still delivered.</summary>
public abstract class SubscriptionBase : IDisposable
{
    private readonly Action<SubscriptionBase> _onDispose;
    private readonly RateLimitedLog _malformedLog;
    private long _received;
    private long _malformed;
    private bool _disposed;

    private protected SubscriptionBase(string topic, string rosType, QosProfile qos, ITransportReader reader, ILogger logger, Action<SubscriptionBase> onDispose)
    {
        Topic = topic;
        RosType = rosType;
        Qos = qos;
        Reader = reader;
        _onDispose = onDispose;
        _malformedLog = new RateLimitedLog(logger, LogLevel.Warning, TimeSpan.FromSeconds(5));
        Executable = new ExecutableAction(TakeAvailable);
    }

    public string Topic { get; }

    public string RosType { get; }

    public QosProfile Qos { get; }

    /// <summary>Publishers currently matched.</summary>
    public int PublisherCount => Reader.MatchedCount;

    /// <summary>Messages delivered to the callback.</summary>
    public long ReceivedCount => Interlocked.Read(ref _received);

    /// <summary>Payloads dropped because they did not decode.</summary>
    public long MalformedCount => Interlocked.Read(ref _malformed);

    internal ITransportReader Reader { get; }

    internal IExecutable Executable { get; }

    internal byte[] Gid => Reader.Gid;

    /// <summary>Decodes and delivers one payload; throws <see cref="CdrException"/> when it does not decode.</summary>
    private protected abstract void Deliver(ReadOnlySpan<byte> payload, in MessageInfo info);

    private void TakeAvailable()
    {
        while (!_disposed && Reader.TryTake(out var sample))
        {
            using (sample)
            {
                var info = new MessageInfo(new RosTime(sample.SourceTimestampNs), RosClock.SystemNow);
                try
                {
                    Deliver(sample.Payload, info);
                    Interlocked.Increment(ref _received);
                }
                catch (CdrException e)
                {
                    var count = Interlocked.Increment(ref _malformed);
                    _malformedLog.Log($"dropped a malformed {RosType} message on '{Topic}' ({count} so far): {e.Message}");
                }
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        Reader.Dispose();
        _onDispose(this);
        GC.SuppressFinalize(this);
    }
}

/// <summary>Delivers decoded messages of one generated type: a new message each time, or one reused message (see
/// <see cref="MessageLifetime.Callback"/>).</summary>
public sealed class Subscription<T> : SubscriptionBase where T : class, IRosMessage<T>, new()
{
    private readonly Action<T, MessageInfo> _callback;
    private readonly T? _reused;

    internal Subscription(string topic, QosProfile qos, ITransportReader reader, ILogger logger, Action<T, MessageInfo> callback, MessageLifetime lifetime, Action<SubscriptionBase> onDispose)
        : base(topic, T.Info.RosName, qos, reader, logger, onDispose)
    {
        _callback = callback;
        _reused = lifetime == MessageLifetime.Callback ? new T() : null;
    }

    private protected override void Deliver(ReadOnlySpan<byte> payload, in MessageInfo info) =>
        _callback(_reused is null ? T.Deserialize(payload) : T.Deserialize(payload, _reused), info);
}

/// <summary>How long a subscription's callback may keep the message it is given.</summary>
public enum MessageLifetime
{
    /// <summary>Each message is a new object the callback may keep.</summary>
    Owned,

    /// <summary>Every message is decoded into the same object, valid only during the callback: same-shaped messages
    /// (camera images) then decode without allocating. For callbacks that use the message at once (decode an image,
    /// copy a few values) and keep nothing of it.</summary>
    Callback,
}

/// <summary>Receives a CDR payload (valid only during the call).</summary>
public delegate void RawMessageHandler(ReadOnlySpan<byte> payload, in MessageInfo info);

/// <summary>Delivers payloads undecoded, for tools that handle any type (echo, hz, bag record).</summary>
public sealed class RawSubscription : SubscriptionBase
{
    private readonly RawMessageHandler _callback;

    internal RawSubscription(string topic, string rosType, QosProfile qos, ITransportReader reader, ILogger logger, RawMessageHandler callback, Action<SubscriptionBase> onDispose)
        : base(topic, rosType, qos, reader, logger, onDispose) => _callback = callback;

    private protected override void Deliver(ReadOnlySpan<byte> payload, in MessageInfo info) => _callback(payload, info);
}
