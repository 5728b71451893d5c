namespace VlaRosNode.Ros2;

/// <summary>Calls back every period of the node's ROS clock, on the node's callback thread. With simulated time
/// it fires as <c>/clock</c> advances, never on its own.</summary>
public sealed class RosTimer : IDisposable
{
    private readonly RosClock _clock;
    private readonly Action _callback;
    private readonly Action<RosTimer> _onDispose;
    private RosTime _due;
    private bool _cancelled;

    internal RosTimer(RosClock clock, TimeSpan period, Action callback, Action<RosTimer> onDispose)
    {
        if (period <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(period), period, "a timer period must be positive");
        _clock = clock;
        Period = period;
        _callback = callback;
        _onDispose = onDispose;
        _due = clock.Now + period;
    }

    public TimeSpan Period { get; }

    public void Cancel() => _cancelled = true;

    public void Reset()
    {
        _cancelled = false;
        _due = _clock.Now + Period;
    }

    internal bool RunIfDue()
    {
        var now = _clock.Now;
        if (_cancelled || now < _due)
            return false;
        // Skip missed periods rather than firing a burst after a stall or a time jump.
        _due += Period;
        if (_due <= now)
            _due = now + Period;
        _callback();
        return true;
    }

    /// <summary>Wall time until due; with simulated time the executor is woken by /clock instead.</summary>
    internal TimeSpan UntilDue() =>
        _cancelled || _clock.IsSimulated ? TimeSpan.MaxValue : _due - _clock.Now;

    public void Dispose() => _onDispose(this);
}
