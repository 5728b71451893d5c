using VlaRosNode.Ros2.Execution;

namespace VlaRosNode.Ros2.Transport;

/// <summary>One participant in a DDS domain: what a context needs from the wire. Implemented over Cyclone DDS
/// (<see cref="Dds.CycloneTransport"/>) and in process (<see cref="InProcessTransport"/>) with the same semantics.</summary>
internal interface ITransport : IDisposable
{
    /// <summary>The participant's 16-byte DDS GUID.</summary>
    byte[] ParticipantGid { get; }

    /// <param name="userData">Endpoint USER_DATA, rmw's <c>key=value;</c> pairs (<c>typehash=</c>, <c>clientid=</c>), or empty.</param>
    ITransportWriter CreateWriter(string ddsTopic, string ddsType, QosProfile qos, IEndpointEvents events, string userData = "");

    /// <param name="userData">Endpoint USER_DATA, rmw's <c>key=value;</c> pairs (<c>typehash=</c>, <c>clientid=</c>), or empty.</param>
    ITransportReader CreateReader(string ddsTopic, string ddsType, QosProfile qos, IEndpointEvents events, string userData = "");

    /// <summary>What a node's executor sleeps in until one of its readers holds data or it is woken.</summary>
    ITransportWaitSet CreateWaitSet();

    /// <summary>Every publication and subscription this participant currently knows, its own included.</summary>
    IReadOnlyList<EndpointInfo> GetEndpoints();
}

/// <summary>Called from transport threads: implementations only record the event.</summary>
internal interface IEndpointEvents
{
    /// <summary>A peer was found whose QoS cannot match ours; <paramref name="policy"/> names the policy, e.g. RELIABILITY.</summary>
    void OnIncompatibleQos(string policy);

    void OnMatchedChanged(int currentCount);
}

/// <summary>Fills a payload buffer of exactly the size asked for.</summary>
internal delegate void PayloadWriter<TState>(Span<byte> destination, TState state) where TState : allows ref struct;

/// <summary>A blocking wait for one node's executor: returns when an attached reader holds samples, when woken, or on
/// timeout. Attach, Detach and Wake are safe from any thread; Wait is called by one thread at a time.</summary>
internal interface ITransportWaitSet : IDisposable
{
    /// <summary>From now on <see cref="Wait"/> reports <paramref name="work"/> while <paramref name="reader"/> holds samples.</summary>
    void Attach(ITransportReader reader, IExecutable work);

    /// <summary>Forgets a reader (before or after it is disposed).</summary>
    void Detach(ITransportReader reader);

    /// <summary>Makes the current or next <see cref="Wait"/> return at once.</summary>
    void Wake();

    /// <summary>Waits up to <paramref name="timeout"/> (zero: only looks) and adds the work of readers holding samples to
    /// <paramref name="ready"/>, each reader's once.</summary>
    void Wait(TimeSpan timeout, List<IExecutable> ready);
}

internal interface ITransportWriter : IDisposable
{
    byte[] Gid { get; }

    int MatchedCount { get; }

    /// <summary>Whether a matched reader's USER_DATA contains <paramref name="fragment"/> (a service's reply writer
    /// checks it has matched the requesting client's reader before answering).</summary>
    bool HasMatchedReaderWithUserData(string fragment);

    /// <summary>Sends one sample of <paramref name="size"/> bytes (CDR header included) that <paramref name="fill"/> writes in place.</summary>
    void Write<TState>(int size, TState state, PayloadWriter<TState> fill) where TState : allows ref struct;
}

internal interface ITransportReader : IDisposable
{
    byte[] Gid { get; }

    int MatchedCount { get; }

    /// <summary>Takes the oldest sample, if any; the caller disposes it when done with its payload.</summary>
    bool TryTake(out ReceivedSample sample);

    /// <summary>USER_DATA of the matched writer that sent a sample (<see cref="ReceivedSample.PublicationHandle"/>),
    /// or null when that writer is no longer matched.</summary>
    string? WriterUserData(ulong publicationHandle);
}

/// <summary>One taken sample; its payload (native memory or a pooled array) stays valid until <see cref="Dispose"/>.</summary>
internal readonly unsafe struct ReceivedSample(IReceivedSampleOwner owner, nint handle, byte* data, byte[]? array, int size, long sourceTimestampNs, ulong publicationHandle) : IDisposable
{
    public ReadOnlySpan<byte> Payload => array is null ? new(data, size) : array.AsSpan(0, size);

    /// <summary>When the writer wrote it, in nanoseconds since the Unix epoch.</summary>
    public long SourceTimestampNs => sourceTimestampNs;

    /// <summary>Identifies the writer that sent it, for <see cref="ITransportReader.WriterUserData"/>.</summary>
    public ulong PublicationHandle => publicationHandle;

    public nint Handle => handle;

    public byte[]? Array => array;

    public void Dispose() => owner.Release(this);
}

internal interface IReceivedSampleOwner
{
    void Release(in ReceivedSample sample);
}

/// <summary>A publication or subscription seen in the domain, with DDS names (e.g. <c>rt/chatter</c>).</summary>
public sealed record EndpointInfo(string DdsTopic, string DdsType, bool IsWriter, QosProfile Qos, string ParticipantGid)
{
    /// <summary>The endpoint's USER_DATA: rmw's <c>key=value;</c> pairs, e.g. <c>typehash=RIHS01_…;</c> from Iron on.</summary>
    public string UserData { get; init; } = "";
}
