using System.Buffers;

namespace VlaRosNode.Ros2.Transport;

/// <summary>A DDS domain inside one process, for fast unit tests: contexts created with the same instance see each
/// other. Same matching and delivery rules as DDS: type names must match, a reliable reader does not match a
/// best-effort writer nor a transient-local reader a volatile writer (both sides are told), KEEP_LAST readers keep
/// only the newest <c>depth</c> samples (older ones are dropped), transient-local writers replay their history to
/// late-joining transient-local readers.</summary>
public sealed class InProcessDomain
{
    private readonly Lock _lock = new();
    private readonly List<InProcessWriter> _writers = [];
    private readonly List<InProcessReader> _readers = [];
    private long _nextEntity;

    internal long NextEntityId() => Interlocked.Increment(ref _nextEntity);

    /// <summary>Runs a query of the matching state under the domain's lock.</summary>
    internal T Locked<T>(Func<T> query)
    {
        lock (_lock)
            return query();
    }

    internal byte[] NewGid()
    {
        var gid = new byte[16];
        BitConverter.TryWriteBytes(gid, NextEntityId());
        BitConverter.TryWriteBytes(gid.AsSpan(8), Environment.ProcessId);
        return gid;
    }

    internal IReadOnlyList<EndpointInfo> Endpoints()
    {
        lock (_lock)
            return [.. _writers.Select(w => w.Info), .. _readers.Select(r => r.Info)];
    }

    internal void Add(InProcessWriter writer)
    {
        List<Action> notify = [];
        lock (_lock)
        {
            _writers.Add(writer);
            foreach (var reader in _readers)
                Match(writer, reader, notify);
        }
        notify.ForEach(n => n());
    }

    internal void Add(InProcessReader reader)
    {
        List<Action> notify = [];
        lock (_lock)
        {
            _readers.Add(reader);
            foreach (var writer in _writers)
                Match(writer, reader, notify);
        }
        notify.ForEach(n => n());
    }

    internal void Remove(InProcessWriter writer)
    {
        lock (_lock)
        {
            _writers.Remove(writer);
            foreach (var reader in writer.Matched)
                reader.Matched.Remove(writer);
        }
    }

    internal void Remove(InProcessReader reader)
    {
        lock (_lock)
        {
            _readers.Remove(reader);
            foreach (var writer in reader.Matched)
                writer.Matched.Remove(reader);
        }
        reader.Clear();
    }

    internal void Deliver(InProcessWriter writer, ReadOnlySpan<byte> payload)
    {
        InProcessReader[] readers;
        lock (_lock)
        {
            writer.Remember(payload);
            readers = [.. writer.Matched];
        }
        foreach (var reader in readers)
            reader.Enqueue(payload, writer.Handle);
    }

    private static void Match(InProcessWriter writer, InProcessReader reader, List<Action> notify)
    {
        if (writer.Info.DdsTopic != reader.Info.DdsTopic || writer.Info.DdsType != reader.Info.DdsType)
            return;
        if (QosProfile.Incompatibility(writer.Info.Qos, reader.Info.Qos) is { } policy)
        {
            notify.Add(() => writer.Events.OnIncompatibleQos(policy));
            notify.Add(() => reader.Events.OnIncompatibleQos(policy));
            return;
        }
        writer.Matched.Add(reader);
        reader.Matched.Add(writer);
        var history = reader.Info.Qos.Durability == Durability.TransientLocal ? writer.Backlog() : [];
        var (writerCount, readerCount) = (writer.Matched.Count, reader.Matched.Count);
        notify.Add(() => writer.Events.OnMatchedChanged(writerCount));
        notify.Add(() => reader.Events.OnMatchedChanged(readerCount));
        notify.Add(() => { foreach (var sample in history) reader.Enqueue(sample, writer.Handle); });
    }
}

/// <summary>One context's participant in an <see cref="InProcessDomain"/>.</summary>
internal sealed class InProcessTransport(InProcessDomain domain) : ITransport
{
    public byte[] ParticipantGid { get; } = domain.NewGid();

    private string ParticipantHex => Convert.ToHexString(ParticipantGid);

    public ITransportWriter CreateWriter(string ddsTopic, string ddsType, QosProfile qos, IEndpointEvents events, string userData = "")
    {
        var writer = new InProcessWriter(domain, new EndpointInfo(ddsTopic, ddsType, true, qos, ParticipantHex) { UserData = userData }, events);
        domain.Add(writer);
        return writer;
    }

    public ITransportReader CreateReader(string ddsTopic, string ddsType, QosProfile qos, IEndpointEvents events, string userData = "")
    {
        var reader = new InProcessReader(domain, new EndpointInfo(ddsTopic, ddsType, false, qos, ParticipantHex) { UserData = userData }, events);
        domain.Add(reader);
        return reader;
    }

    public ITransportWaitSet CreateWaitSet() => new InProcessWaitSet();

    public IReadOnlyList<EndpointInfo> GetEndpoints() => domain.Endpoints();

    public void Dispose() { }
}

internal sealed class InProcessWriter(InProcessDomain domain, EndpointInfo info, IEndpointEvents events) : ITransportWriter
{
    private readonly Queue<byte[]> _history = new();

    /// <summary>Stands for the DDS publication handle a reader sees on each sample.</summary>
    public ulong Handle { get; } = (ulong)domain.NextEntityId();
    public EndpointInfo Info => info;
    public IEndpointEvents Events => events;
    public List<InProcessReader> Matched { get; } = [];
    public byte[] Gid { get; } = domain.NewGid();
    public int MatchedCount => Matched.Count;

    public bool HasMatchedReaderWithUserData(string fragment) => domain.Locked(() => Matched.Any(r => r.Info.UserData.Contains(fragment, StringComparison.Ordinal)));

    public void Write<TState>(int size, TState state, PayloadWriter<TState> fill) where TState : allows ref struct
    {
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            fill(buffer.AsSpan(0, size), state);
            domain.Deliver(this, buffer.AsSpan(0, size));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Keeps what a transient-local writer replays to late joiners (called under the domain lock).</summary>
    public void Remember(ReadOnlySpan<byte> payload)
    {
        if (info.Qos.Durability != Durability.TransientLocal)
            return;
        _history.Enqueue(payload.ToArray());
        while (info.Qos.History == Ros2.History.KeepLast && _history.Count > info.Qos.Depth)
            _history.Dequeue();
    }

    public byte[][] Backlog() => [.. _history];

    public void Dispose() => domain.Remove(this);
}

internal sealed unsafe class InProcessReader(InProcessDomain domain, EndpointInfo info, IEndpointEvents events) : ITransportReader, IReceivedSampleOwner
{
    private readonly Queue<(byte[] Buffer, int Size, long Timestamp, ulong Writer)> _queue = new();

    public EndpointInfo Info => info;
    public IEndpointEvents Events => events;
    public List<InProcessWriter> Matched { get; } = [];
    public byte[] Gid { get; } = domain.NewGid();
    public int MatchedCount => Matched.Count;

    /// <summary>KEEP_LAST: the oldest sample is dropped when the queue holds <c>depth</c> already.</summary>
    public void Enqueue(ReadOnlySpan<byte> payload, ulong writer)
    {
        var copy = ArrayPool<byte>.Shared.Rent(payload.Length);
        payload.CopyTo(copy);
        lock (_queue)
        {
            if (info.Qos.History == Ros2.History.KeepLast && _queue.Count >= info.Qos.Depth)
                ArrayPool<byte>.Shared.Return(_queue.Dequeue().Buffer);
            _queue.Enqueue((copy, payload.Length, RosClock.SystemNow.Nanoseconds, writer));
        }
        DataAvailable?.Invoke();
    }

    /// <summary>Set by the <see cref="InProcessWaitSet"/> this reader is attached to; called after each sample is queued.</summary>
    public Action? DataAvailable { get; set; }

    public bool HasSamples
    {
        get
        {
            lock (_queue)
                return _queue.Count > 0;
        }
    }

    public bool TryTake(out ReceivedSample sample)
    {
        lock (_queue)
        {
            if (!_queue.TryDequeue(out var s))
            {
                sample = default;
                return false;
            }
            sample = new ReceivedSample(this, 0, null, s.Buffer, s.Size, s.Timestamp, s.Writer);
            return true;
        }
    }

    public void Release(in ReceivedSample sample) => ArrayPool<byte>.Shared.Return(sample.Array!);

    public string? WriterUserData(ulong publicationHandle) => domain.Locked(() => Matched.FirstOrDefault(w => w.Handle == publicationHandle)?.Info.UserData);

    public void Clear()
    {
        lock (_queue)
            while (_queue.TryDequeue(out var s))
                ArrayPool<byte>.Shared.Return(s.Buffer);
    }

    public void Dispose() => domain.Remove(this);
}
