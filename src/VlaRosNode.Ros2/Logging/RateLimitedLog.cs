using Microsoft.Extensions.Logging;

namespace VlaRosNode.Ros2.Logging;

/// <summary>Logs a recurring problem at most once per interval, saying how many occurrences were not logged.</summary>
public sealed class RateLimitedLog(ILogger logger, LogLevel level, TimeSpan interval)
{
    private TimeSpan _lastLogged = TimeSpan.MinValue;
    private long _suppressed;

    public void Log(string message)
    {
        var now = RosClock.Steady;
        if (_lastLogged != TimeSpan.MinValue && now - _lastLogged < interval)
        {
            _suppressed++;
            return;
        }
        var suffix = _suppressed > 0 ? $" ({_suppressed} more since the last report)" : "";
        _suppressed = 0;
        _lastLogged = now;
        logger.Log(level, "{Message}{Suffix}", message, suffix);
    }
}
