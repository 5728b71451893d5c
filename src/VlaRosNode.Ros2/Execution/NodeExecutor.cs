using System.Collections.Concurrent;

namespace VlaRosNode.Ros2.Execution;

/// <summary>Runs one node's callbacks (subscriptions, timers) one at a time, either on the caller's thread
/// (<see cref="SpinOnce"/>, <see cref="Spin"/>) or on a thread of its own (<see cref="Start"/>).</summary>
internal sealed class NodeExecutor : IDisposable
{
    private readonly ConcurrentQueue<IExecutable> _ready = new();
    private readonly HashSet<IExecutable> _queued = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly List<RosTimer> _timers = [];
    private readonly Lock _spinLock = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;

    /// <summary>Queues <paramref name="work"/> unless it is already waiting; safe from any thread.</summary>
    public void Signal(IExecutable work)
    {
        lock (_queued)
        {
            if (!_queued.Add(work))
                return;
        }
        _ready.Enqueue(work);
        _wake.Release();
    }

    /// <summary>Makes a waiting spin re-check its timers (a timer was added, the clock jumped).</summary>
    public void Wake() => _wake.Release();

    public void AddTimer(RosTimer timer)
    {
        lock (_timers)
            _timers.Add(timer);
        Wake();
    }

    public void RemoveTimer(RosTimer timer)
    {
        lock (_timers)
            _timers.Remove(timer);
    }

    /// <summary>Runs everything ready now, waiting up to <paramref name="timeout"/> for the first piece of work.</summary>
    /// <returns>Whether any callback ran.</returns>
    public bool SpinOnce(TimeSpan timeout)
    {
        if (!_spinLock.TryEnter())
            throw new InvalidOperationException("this node is already spinning on another thread");
        try
        {
            return SpinOnceLocked(timeout);
        }
        finally
        {
            _spinLock.Exit();
        }
    }

    /// <summary>Runs callbacks until <paramref name="cancellation"/> fires.</summary>
    public void Spin(CancellationToken cancellation)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stop.Token);
        using var registration = linked.Token.Register(Wake);
        while (!linked.IsCancellationRequested)
            SpinOnce(TimeSpan.FromSeconds(1));
    }

    /// <summary>Spins on a background thread until the node is disposed.</summary>
    public void Start(string name)
    {
        if (_thread is not null)
            return;
        _thread = new Thread(() => Spin(CancellationToken.None)) { IsBackground = true, Name = $"ros node {name}" };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Cancel();
        Wake();
        if (_thread is not null && _thread != Thread.CurrentThread)
            _thread.Join();
        _stop.Dispose();
    }

    private bool SpinOnceLocked(TimeSpan timeout)
    {
        var ran = RunDueTimers();
        if (!ran && _ready.IsEmpty)
        {
            var wait = NextTimerWait(timeout);
            _wake.Wait(wait);
            ran = RunDueTimers();
        }
        // Run only what was queued when we started, so a busy topic cannot starve the timers.
        for (var n = _ready.Count; n > 0 && _ready.TryDequeue(out var work); n--)
        {
            lock (_queued)
                _queued.Remove(work);
            work.Execute();
            ran = true;
        }
        // What just ran may have advanced a simulated clock.
        return RunDueTimers() | ran;
    }

    private bool RunDueTimers()
    {
        RosTimer[] timers;
        lock (_timers)
            timers = [.. _timers];
        var ran = false;
        foreach (var timer in timers)
            ran |= timer.RunIfDue();
        return ran;
    }

    private TimeSpan NextTimerWait(TimeSpan limit)
    {
        lock (_timers)
        {
            var wait = limit;
            foreach (var timer in _timers)
            {
                var untilDue = timer.UntilDue();
                if (untilDue < wait)
                    wait = untilDue;
            }
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
    }
}
