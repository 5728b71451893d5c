using Microsoft.Extensions.Logging;
using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.RclInterfaces;

namespace VlaRosNode.Ros2.Logging;

/// <summary>A node's logger: every record that passes the console logger's level also goes to <c>/rosout</c> as
/// rcl_interfaces/msg/Log, stamped with system time as rcl does (so <c>ros2 topic echo /rosout</c> and rqt_console see it).</summary>
internal sealed class RosoutLogger(ILogger console, string name, Publisher<Log> rosout) : ILogger
{
    private volatile bool _closed;

    /// <summary>Stops publishing (the node is being disposed); the console still gets every record.</summary>
    public void Close() => _closed = true;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => console.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => console.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        console.Log(logLevel, eventId, state, exception, formatter);
        if (_closed || !IsEnabled(logLevel))
            return;
        var message = formatter(state, exception);
        if (exception is not null)
            message += $": {exception.GetType().Name}: {exception.Message}";
        var now = RosClock.SystemNow;
        rosout.Publish(new Log
        {
            Stamp = new Time { Sec = now.Seconds, Nanosec = now.NanosecondsPart },
            Level = Level(logLevel),
            Name = name,
            Msg = message,
        });
    }

    /// <summary>rcutils severities: DEBUG 10, INFO 20, WARN 30, ERROR 40, FATAL 50.</summary>
    public static byte Level(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => Messages.RclInterfaces.Log.DEBUG,
        LogLevel.Information => Messages.RclInterfaces.Log.INFO,
        LogLevel.Warning => Messages.RclInterfaces.Log.WARN,
        LogLevel.Error => Messages.RclInterfaces.Log.ERROR,
        _ => Messages.RclInterfaces.Log.FATAL,
    };
}
