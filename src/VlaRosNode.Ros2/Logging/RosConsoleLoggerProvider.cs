using Microsoft.Extensions.Logging;

namespace VlaRosNode.Ros2.Logging;

/// <summary>Writes log lines as ROS 2's console does: <c>[INFO] [1700000000.123456789] [node_name]: message</c>,
/// to standard error by default (as rcutils does). Levels come from <c>--log-level</c>.</summary>
public sealed class RosConsoleLoggerProvider(TextWriter output, LogLevel defaultLevel, IReadOnlyDictionary<string, LogLevel> loggerLevels) : ILoggerProvider
{
    private readonly Lock _writeLock = new();

    public ILogger CreateLogger(string categoryName) =>
        new RosConsoleLogger(this, categoryName, loggerLevels.TryGetValue(categoryName, out var level) ? level : defaultLevel);

    public void Dispose() { }

    internal void Write(string line)
    {
        lock (_writeLock)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    public static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    private sealed class RosConsoleLogger(RosConsoleLoggerProvider provider, string name, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var ns = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
            var message = formatter(state, exception);
            if (exception is not null)
                message += $": {exception.GetType().Name}: {exception.Message}";
            provider.Write($"[{Severity(logLevel)}] [{ns / 1_000_000_000}.{ns % 1_000_000_000:D9}] [{name}]: {message}");
        }
    }
}
