using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2.Dds;

/// <summary>One Cyclone DDS participant publishing and taking opaque CDR blobs through the native shim.</summary>
internal sealed unsafe class CycloneTransport : ITransport
{
    private readonly DdsEntityHandle _participant;
    private readonly DdsDomainLease _domain;
    private readonly Dictionary<(string Topic, string Type), (DdsEntityHandle Topic, nint Sertype)> _topics = new();
    private readonly Lock _topicsLock = new();
    private DdsEntityHandle? _publications;
    private DdsEntityHandle? _subscriptions;

    /// <param name="domainId">DDS domain (ROS_DOMAIN_ID).</param>
    /// <param name="config">Cyclone XML configuration, or null for Cyclone's own default (CYCLONEDDS_URI).</param>
    /// <param name="userData">Participant USER_DATA, e.g. <c>enclave=/;</c>.</param>
    public CycloneTransport(uint domainId, string? config, string userData)
    {
        CycloneLibrary.EnsureLoaded();
        _domain = DdsDomainLease.Acquire(domainId, config);
        try
        {
            _participant = new DdsEntityHandle(DdsException.Check(CycloneNative.ParticipantCreate(domainId, userData), $"creating a participant in DDS domain {domainId}"));
            ParticipantGid = GuidOf(_participant.Entity);
        }
        catch
        {
            _domain.Dispose();
            throw;
        }
    }

    public byte[] ParticipantGid { get; }

    public ITransportWriter CreateWriter(string ddsTopic, string ddsType, QosProfile qos, IEndpointEvents events, string userData = "")
    {
        var (topic, sertype) = Topic(ddsTopic, ddsType);
        var handle = CreateEndpoint(events, qos, userData, isWriter: true, topic.Entity, $"creating a writer on '{ddsTopic}' ({ddsType})");
        return new CycloneWriter(handle, sertype, GuidOf(handle.Entity));
    }

    public ITransportReader CreateReader(string ddsTopic, string ddsType, QosProfile qos, IEndpointEvents events, string userData = "")
    {
        var (topic, _) = Topic(ddsTopic, ddsType);
        var handle = CreateEndpoint(events, qos, userData, isWriter: false, topic.Entity, $"creating a reader on '{ddsTopic}' ({ddsType})");
        return new CycloneReader(handle, GuidOf(handle.Entity));
    }

    public ITransportWaitSet CreateWaitSet() => new CycloneWaitSet(_participant.Entity);

    public IReadOnlyList<EndpointInfo> GetEndpoints()
    {
        lock (_topicsLock)
        {
            _publications ??= new DdsEntityHandle(DdsException.Check(CycloneNative.EndpointReaderCreate(_participant.Entity, 1), "reading discovered publications"));
            _subscriptions ??= new DdsEntityHandle(DdsException.Check(CycloneNative.EndpointReaderCreate(_participant.Entity, 0), "reading discovered subscriptions"));
        }
        var result = new List<EndpointInfo>();
        ReadEndpoints(_publications, isWriter: true, result);
        ReadEndpoints(_subscriptions, isWriter: false, result);
        return result;
    }

    public void Dispose()
    {
        _publications?.Dispose();
        _subscriptions?.Dispose();
        lock (_topicsLock)
        {
            foreach (var (topic, _) in _topics.Values)
                topic.Dispose();
            _topics.Clear();
        }
        _participant.Dispose();
        _domain.Dispose();
    }

    private (DdsEntityHandle Topic, nint Sertype) Topic(string ddsTopic, string ddsType)
    {
        lock (_topicsLock)
        {
            if (_topics.TryGetValue((ddsTopic, ddsType), out var existing))
                return existing;
            var entity = DdsException.Check(CycloneNative.TopicCreate(_participant.Entity, ddsTopic, ddsType, out var sertype), $"creating topic '{ddsTopic}' of type {ddsType}");
            var created = (new DdsEntityHandle(entity), sertype);
            _topics.Add((ddsTopic, ddsType), created);
            return created;
        }
    }

    private DdsEntityHandle CreateEndpoint(IEndpointEvents events, QosProfile qos, string userData, bool isWriter, int topic, string what)
    {
        var native = new CycloneNative.Qos
        {
            Reliable = qos.Reliability == Reliability.Reliable ? 1 : 0,
            TransientLocal = qos.Durability == Durability.TransientLocal ? 1 : 0,
            KeepAll = qos.History == History.KeepAll ? 1 : 0,
            Depth = qos.Depth,
        };
        var target = GCHandle.Alloc(events);
        var context = GCHandle.ToIntPtr(target);
        nint listener;
        var entity = isWriter
            ? CycloneNative.WriterCreate(_participant.Entity, topic, native, userData, &OnEvent, context, out listener)
            : CycloneNative.ReaderCreate(_participant.Entity, topic, native, userData, &OnEvent, context, out listener);
        if (entity < 0)
        {
            target.Free();
            DdsException.Check(entity, what);
        }
        return new DdsEntityHandle(entity, listener, target);
    }

    /// <summary>Runs on Cyclone's threads: must never throw back into native code.</summary>
    [UnmanagedCallersOnly]
    private static void OnEvent(nint context, int kind, int value)
    {
        try
        {
            var events = (IEndpointEvents)GCHandle.FromIntPtr(context).Target!;
            switch (kind)
            {
                case CycloneNative.EventRequestedIncompatible or CycloneNative.EventOfferedIncompatible: events.OnIncompatibleQos(PolicyName(value)); break;
                case CycloneNative.EventMatched: events.OnMatchedChanged(value); break;
            }
        }
        catch (Exception e)
        {
            Environment.FailFast("unhandled exception in a DDS listener callback", e);
        }
    }

    private static string PolicyName(int id) => id switch
    {
        2 => "DURABILITY",
        4 => "DEADLINE",
        5 => "LATENCYBUDGET",
        6 => "OWNERSHIP",
        8 => "LIVELINESS",
        11 => "RELIABILITY",
        13 => "HISTORY",
        23 => "DATA_REPRESENTATION",
        _ => $"policy {id}",
    };

    internal static byte[] GuidOf(int entity)
    {
        var guid = new byte[16];
        fixed (byte* p = guid)
            DdsException.Check(CycloneNative.EntityGuid(entity, p), "reading an entity's GUID");
        return guid;
    }

    private static void ReadEndpoints(DdsEntityHandle reader, bool isWriter, List<EndpointInfo> into)
    {
        const int max = 4096;
        var buffer = new CycloneNative.Endpoint[max];
        fixed (CycloneNative.Endpoint* p = buffer)
        {
            var n = DdsException.Check(CycloneNative.EndpointList(reader.Entity, p, max), "reading discovered endpoints");
            for (var i = 0; i < n; i++)
            {
                var e = p + i;
                var qos = new QosProfile(
                    e->Reliable != 0 ? Reliability.Reliable : Reliability.BestEffort,
                    e->TransientLocal != 0 ? Durability.TransientLocal : Durability.Volatile,
                    e->Depth == 0 ? History.KeepAll : History.KeepLast,
                    e->Depth);
                into.Add(new EndpointInfo(Utf8(e->TopicName), Utf8(e->TypeName), isWriter, qos, Convert.ToHexString(new ReadOnlySpan<byte>(e->ParticipantGuid, 16)))
                {
                    UserData = Utf8(e->UserData),
                });
            }
        }

        static string Utf8(byte* s) => Marshal.PtrToStringUTF8((nint)s) ?? "";
    }
}

/// <summary>Writes blobs that .NET serialises straight into Cyclone-owned memory.</summary>
internal sealed unsafe class CycloneWriter(DdsEntityHandle handle, nint sertype, byte[] gid) : ITransportWriter
{
    public byte[] Gid => gid;

    public int MatchedCount => DdsException.Check(CycloneNative.MatchedCount(handle.Entity, 1), "reading matched subscriptions");

    public bool HasMatchedReaderWithUserData(string fragment) =>
        DdsException.Check(CycloneNative.WriterMatchesReaderUserData(handle.Entity, fragment), "reading matched subscriptions") == 1;

    public void Write<TState>(int size, TState state, PayloadWriter<TState> fill) where TState : allows ref struct
    {
        var blob = CycloneNative.BlobNew(sertype, checked((uint)size), out var data);
        if (blob == 0)
            throw new OutOfMemoryException($"Cyclone DDS could not allocate a {size}-byte sample");
        try
        {
            fill(new Span<byte>(data, size), state);
        }
        catch
        {
            CycloneNative.BlobFree(blob);
            throw;
        }
        DdsException.Check(CycloneNative.BlobWrite(handle.Entity, blob), "writing a sample");
    }

    public void Dispose() => handle.Dispose();
}

/// <summary>Takes blobs without copying: the payload is read in place and released afterwards.</summary>
internal sealed unsafe class CycloneReader(DdsEntityHandle handle, byte[] gid) : ITransportReader, IReceivedSampleOwner
{
    public byte[] Gid => gid;

    /// <summary>The reader's Cyclone handle, kept after disposal so a waitset can forget it.</summary>
    public int Entity { get; } = handle.Entity;

    public int MatchedCount => DdsException.Check(CycloneNative.MatchedCount(handle.Entity, 0), "reading matched publications");

    public bool TryTake(out ReceivedSample sample)
    {
        while (true)
        {
            var n = DdsException.Check(CycloneNative.Take(handle.Entity, out var s), "taking a sample");
            if (n == 0)
            {
                sample = default;
                return false;
            }
            if (s.Valid == 0)
            {
                CycloneNative.SampleRelease(s.Handle); // instance-state notification, no payload
                continue;
            }
            sample = new ReceivedSample(this, s.Handle, s.Data, null, (int)s.Size, s.SourceTimestamp, s.PublicationHandle);
            return true;
        }
    }

    public void Release(in ReceivedSample sample) => CycloneNative.SampleRelease(sample.Handle);

    public string? WriterUserData(ulong publicationHandle)
    {
        const int capacity = 1024;
        var buffer = stackalloc byte[capacity];
        var n = CycloneNative.MatchedPublicationUserData(handle.Entity, publicationHandle, buffer, capacity);
        return n == CycloneNative.NoData ? null : System.Text.Encoding.UTF8.GetString(buffer, DdsException.Check(n, "reading a matched publication"));
    }

    public void Dispose() => handle.Dispose();
}
