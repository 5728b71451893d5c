using System.Diagnostics;

namespace VlaRosNode.Ros2;

/// <summary>A point in ROS time: nanoseconds since the Unix epoch (or since the simulation started).</summary>
public readonly record struct RosTime(long Nanoseconds) : IComparable<RosTime>
{
    public int Seconds => (int)Math.Floor(Nanoseconds / 1e9);

    public uint NanosecondsPart => (uint)(Nanoseconds - (long)Seconds * 1_000_000_000);

    public double TotalSeconds => Nanoseconds / 1e9;

    public static RosTime FromParts(int seconds, uint nanoseconds) => new(seconds * 1_000_000_000L + nanoseconds);

    public static TimeSpan operator -(RosTime a, RosTime b) => TimeSpan.FromTicks((a.Nanoseconds - b.Nanoseconds) / 100);

    public static RosTime operator +(RosTime a, TimeSpan d) => new(a.Nanoseconds + d.Ticks * 100);

    public int CompareTo(RosTime other) => Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator <(RosTime a, RosTime b) => a.Nanoseconds < b.Nanoseconds;

    public static bool operator >(RosTime a, RosTime b) => a.Nanoseconds > b.Nanoseconds;

    public static bool operator <=(RosTime a, RosTime b) => a.Nanoseconds <= b.Nanoseconds;

    public static bool operator >=(RosTime a, RosTime b) => a.Nanoseconds >= b.Nanoseconds;

    public override string ToString() => $"{Seconds}.{NanosecondsPart:D9}";
}

/// <summary>A node's ROS clock: system time, or with <c>use_sim_time</c> the last time received on <c>/clock</c>
/// (zero until the first message, as in rclcpp).</summary>
public sealed class RosClock
{
    private long _simNanoseconds;
    private volatile bool _simulated;

    /// <summary>Raised after the simulated time moved (on the node's callback thread).</summary>
    internal event Action? Jumped;

    public bool IsSimulated => _simulated;

    public RosTime Now => _simulated ? new RosTime(Interlocked.Read(ref _simNanoseconds)) : SystemNow;

    public static RosTime SystemNow => new((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100);

    internal void UseSimulatedTime(bool enabled) => _simulated = enabled;

    internal void SetSimulated(RosTime time)
    {
        Interlocked.Exchange(ref _simNanoseconds, time.Nanoseconds);
        Jumped?.Invoke();
    }

    /// <summary>Monotonic time for measuring intervals, unaffected by either clock.</summary>
    public static TimeSpan Steady => Stopwatch.GetElapsedTime(0);
}
