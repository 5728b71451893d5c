using VlaRosNode.Ros2.Execution;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2.Dds;

/// <summary>A Cyclone waitset that a node's executor thread blocks in. Cyclone's receive thread only signals it, so a
/// sample costs one thread wake-up and no call into .NET on the receive thread; the executor thread then takes and
/// decodes it. Readers are level-triggered (a read condition on any sample), a guard condition carries wakes.</summary>
internal sealed unsafe class CycloneWaitSet : ITransportWaitSet
{
    private const int MaxReady = 64;

    private readonly DdsEntityHandle _waitSet;
    private readonly DdsEntityHandle _guard;
    // Keyed by reader entity, the attach argument Cyclone reports back.
    private readonly Dictionary<long, IExecutable> _work = [];
    private readonly long[] _triggered = new long[MaxReady];

    public CycloneWaitSet(int participant)
    {
        var waitSet = DdsException.Check(CycloneNative.WaitSetCreate(participant, out var guard), "creating a waitset");
        _waitSet = new DdsEntityHandle(waitSet);
        _guard = new DdsEntityHandle(guard);
    }

    public void Attach(ITransportReader reader, IExecutable work)
    {
        var entity = ((CycloneReader)reader).Entity;
        lock (_work)
            _work.Add(entity, work);
        DdsException.Check(CycloneNative.WaitSetAttachReader(_waitSet.Entity, entity, entity), "attaching a reader to a waitset");
    }

    /// <summary>Forgets a reader's work; its read condition left the waitset when the reader was deleted.</summary>
    public void Detach(ITransportReader reader)
    {
        lock (_work)
            _work.Remove(((CycloneReader)reader).Entity);
    }

    public void Wake() => DdsException.Check(CycloneNative.WaitSetWake(_guard.Entity), "waking a waitset");

    public void Wait(TimeSpan timeout, List<IExecutable> ready)
    {
        int n;
        fixed (long* args = _triggered)
            n = DdsException.Check(CycloneNative.WaitSetWait(_waitSet.Entity, _guard.Entity, args, MaxReady, Nanoseconds(timeout)), "waiting on a waitset");
        lock (_work)
            for (var i = 0; i < n; i++)
                if (_work.TryGetValue(_triggered[i], out var work))
                    ready.Add(work);
    }

    /// <summary>Cyclone's relative timeout: DDS_INFINITY for <see cref="Timeout.InfiniteTimeSpan"/> and waits too long
    /// to count in nanoseconds (Cyclone takes a negative timeout as zero, so -1 ms would not wait at all).</summary>
    private static long Nanoseconds(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || timeout.Ticks > long.MaxValue / TimeSpan.NanosecondsPerTick
            ? long.MaxValue
            : timeout.Ticks * TimeSpan.NanosecondsPerTick;

    public void Dispose()
    {
        _waitSet.Dispose();
        _guard.Dispose();
    }
}
