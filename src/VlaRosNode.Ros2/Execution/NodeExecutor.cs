using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2.Execution;

/// <summary>Runs one node's callbacks (subscriptions, services, timers) one at a time, either on the caller's thread
/// (<see cref="SpinOnce"/>, <see cref="Spin"/>) or on a thread of its own (<see cref="Start"/>). The spinning thread
/// sleeps in the transport's waitset, takes the samples itself and runs the callbacks: the transport's threads only
/// wake it, so a message costs one thread hand-off.</summary>
internal sealed class NodeExecutor(ITransportWaitSet waitSet) : IDisposable
{
    private readonly List<IExecutable> _ready = [];
    private readonly Lock _timersLock = new();
    // Replaced, never changed, so a spin reads it without a lock or a copy: spinning allocates nothing.
    private RosTimer[] _timers = [];
    private readonly Lock _spinLock = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private bool _disposed;

    /// <summary>Runs <paramref name="work"/> whenever <paramref name="reader"/> holds samples.</summary>
    public void Attach(ITransportReader reader, IExecutable work) => waitSet.Attach(reader, work);

    public void Detach(ITransportReader reader) => waitSet.Detach(reader);

    /// <summary>Makes a waiting spin re-check its timers (a timer was added, the clock jumped).</summary>
    public void Wake() => waitSet.Wake();

    public void AddTimer(RosTimer timer)
    {
        lock (_timersLock)
            _timers = [.. _timers, timer];
        Wake();
    }

    public void RemoveTimer(RosTimer timer)
    {
        lock (_timersLock)
            _timers = [.. _timers.Where(t => t != timer)];
    }

    /// <summary>Runs everything ready now, waiting up to <paramref name="timeout"/> for the first piece of work.</summary>
    /// <returns>Whether any callback ran.</returns>
    public bool SpinOnce(TimeSpan timeout)
    {
        if (!_spinLock.TryEnter())
            throw new InvalidOperationException("this node is already spinning on another thread");
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
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
        // A spin on another thread has been woken; the waitset goes once it has returned.
        lock (_spinLock)
        {
            _disposed = true;
            waitSet.Dispose();
        }
        _stop.Dispose();
    }

    private bool SpinOnceLocked(TimeSpan timeout)
    {
        var ran = RunDueTimers();
        _ready.Clear();
        waitSet.Wait(ran ? TimeSpan.Zero : NextTimerWait(timeout), _ready);
        ran |= RunDueTimers();
        // Each reader ready when we woke runs once, then the timers get their turn. A reader's work drains what it holds,
        // samples arriving meanwhile included, so a topic published faster than its callback can still delay the timers.
        foreach (var work in _ready)
            work.Execute();
        // What just ran may have advanced a simulated clock.
        return RunDueTimers() | ran | _ready.Count > 0;
    }

    private bool RunDueTimers()
    {
        var ran = false;
        foreach (var timer in Volatile.Read(ref _timers))
            ran |= timer.RunIfDue();
        return ran;
    }

    /// <summary><paramref name="limit"/> (<see cref="Timeout.InfiniteTimeSpan"/>: no limit) or less, if a timer is due sooner.</summary>
    private TimeSpan NextTimerWait(TimeSpan limit)
    {
        var wait = limit;
        foreach (var timer in Volatile.Read(ref _timers))
        {
            var untilDue = timer.UntilDue();
            if (wait == Timeout.InfiniteTimeSpan || untilDue < wait)
                wait = untilDue;
        }
        return wait == Timeout.InfiniteTimeSpan || wait >= TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
