using System.Collections.Concurrent;
using VlaRosNode.Ros2.Execution;

namespace VlaRosNode.Ros2.Transport;

/// <summary>The in-process counterpart of a DDS waitset: readers report each queued sample, a semaphore wakes the waiter.</summary>
internal sealed class InProcessWaitSet : ITransportWaitSet
{
    private readonly ConcurrentQueue<IExecutable> _triggered = new();
    private readonly SemaphoreSlim _wake = new(0);

    public void Attach(ITransportReader reader, IExecutable work)
    {
        var inProcess = (InProcessReader)reader;
        inProcess.DataAvailable = () =>
        {
            _triggered.Enqueue(work);
            _wake.Release();
        };
        // Samples may have been queued before the reader was attached.
        if (inProcess.HasSamples)
            inProcess.DataAvailable();
    }

    public void Detach(ITransportReader reader) => ((InProcessReader)reader).DataAvailable = null;

    public void Wake() => _wake.Release();

    public void Wait(TimeSpan timeout, List<IExecutable> ready)
    {
        if (_triggered.IsEmpty)
            _wake.Wait(timeout);
        while (_triggered.TryDequeue(out var work))
            ready.Add(work);
    }

    /// <summary>Nothing to release, on purpose: a reader of another node's topic may still signal this waitset while
    /// its node is being disposed, and a disposed semaphore would throw on that publisher's thread.</summary>
    public void Dispose() { }
}
