using System.Runtime.InteropServices;
using VlaRosNode.Ros2;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>Keeps a loop at a fixed rate by sleeping (never spinning: on a small machine a spinning publisher
/// would steal the CPU the receiving side needs). Thread.Sleep rounds to milliseconds, so this sleeps through
/// libc's usleep for kilohertz rates.</summary>
internal sealed partial class RatePacer(double rateHz)
{
    private readonly TimeSpan _period = rateHz > 0 ? TimeSpan.FromSeconds(1 / rateHz) : TimeSpan.Zero;
    private TimeSpan _next = RosClock.Steady;

    /// <summary>Waits until the next period starts (returns at once when the rate is unlimited).</summary>
    public void WaitNext()
    {
        if (_period == TimeSpan.Zero)
            return;
        _next += _period;
        var wait = _next - RosClock.Steady;
        if (wait > TimeSpan.Zero)
            _ = USleep((uint)(wait.Ticks / 10));
        else if (wait < -_period * 10)
            _next = RosClock.Steady; // fell far behind (machine busy): do not burst to catch up
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}
