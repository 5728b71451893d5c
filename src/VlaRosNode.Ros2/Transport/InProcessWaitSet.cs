using VlaRosNode.Ros2.Execution;

namespace VlaRosNode.Ros2.Transport;

/// <summary>The in-process counterpart of a DDS waitset: a reader that queues a sample marks its work ready (once until
/// the next <see cref="Wait"/> collects it, as a DDS read condition reports a reader once), and the waiter wakes.</summary>
internal sealed class InProcessWaitSet : ITransportWaitSet
{
    private readonly object _gate = new(); // a Monitor: Wait and Pulse need one
    private readonly List<IExecutable> _triggered = [];
    private bool _woken;

    public void Attach(ITransportReader reader, IExecutable work)
    {
        var inProcess = (InProcessReader)reader;
        inProcess.DataAvailable = () => Trigger(work);
        // Samples may have been queued before the reader was attached.
        if (inProcess.HasSamples)
            Trigger(work);
    }

    public void Detach(ITransportReader reader) => ((InProcessReader)reader).DataAvailable = null;

    public void Wake()
    {
        lock (_gate)
        {
            _woken = true;
            Monitor.Pulse(_gate);
        }
    }

    public void Wait(TimeSpan timeout, List<IExecutable> ready)
    {
        lock (_gate)
        {
            if (_triggered.Count == 0 && !_woken)
                Monitor.Wait(_gate, timeout);
            _woken = false;
            ready.AddRange(_triggered);
            _triggered.Clear();
        }
    }

    /// <summary>Nothing to release, on purpose: a reader of another node's topic may still signal this waitset while
    /// its node is being disposed.</summary>
    public void Dispose() { }

    private void Trigger(IExecutable work)
    {
        lock (_gate)
        {
            // A node has a few readers: a list scan is cheaper than a set.
            if (_triggered.Contains(work))
                return;
            _triggered.Add(work);
            Monitor.Pulse(_gate);
        }
    }
}
