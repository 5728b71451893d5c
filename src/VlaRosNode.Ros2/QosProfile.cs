namespace VlaRosNode.Ros2;

public enum Reliability { Reliable, BestEffort }

public enum Durability { Volatile, TransientLocal }

public enum History { KeepLast, KeepAll }

/// <summary>The QoS policies ROS 2 sets on a publisher or subscription, with rclcpp's named profiles.</summary>
public sealed record QosProfile(Reliability Reliability, Durability Durability, History History, int Depth)
{
    public static QosProfile Default { get; } = new(Reliability.Reliable, Durability.Volatile, History.KeepLast, 10);
    public static QosProfile SensorData { get; } = new(Reliability.BestEffort, Durability.Volatile, History.KeepLast, 5);
    public static QosProfile ParameterEvents { get; } = new(Reliability.Reliable, Durability.Volatile, History.KeepLast, 1000);
    public static QosProfile Clock { get; } = new(Reliability.BestEffort, Durability.Volatile, History.KeepLast, 1);
    public static QosProfile ServicesDefault { get; } = new(Reliability.Reliable, Durability.Volatile, History.KeepLast, 10);

    /// <summary>rcl's <c>/rosout</c> profile, so late subscribers (rqt_console) get recent records. rcl also sets a
    /// 10 s lifespan, which does not affect matching and which this profile does not carry.</summary>
    public static QosProfile Rosout { get; } = new(Reliability.Reliable, Durability.TransientLocal, History.KeepLast, 1000);

    /// <summary>What the DDS implementation uses when ROS leaves QoS unset: reliable, volatile, keep last 1
    /// (the profile joint_trajectory_controller and MoveIt Servo subscribe with).</summary>
    public static QosProfile SystemDefault { get; } = new(Reliability.Reliable, Durability.Volatile, History.KeepLast, 1);

    /// <summary>Same profile with another history depth (KEEP_LAST).</summary>
    public QosProfile WithDepth(int depth) => this with { History = History.KeepLast, Depth = depth };

    /// <summary>The policy that stops a writer offering <paramref name="offered"/> from matching a reader requesting
    /// <paramref name="requested"/> (DDS request-vs-offered rules), or null when they match.</summary>
    public static string? Incompatibility(QosProfile offered, QosProfile requested)
    {
        if (requested.Reliability == Reliability.Reliable && offered.Reliability == Reliability.BestEffort)
            return "RELIABILITY";
        if (requested.Durability == Durability.TransientLocal && offered.Durability == Durability.Volatile)
            return "DURABILITY";
        return null;
    }

    /// <summary>Parses a profile name (<c>default</c>, <c>sensor_data</c>, <c>system_default</c>, <c>clock</c>,
    /// <c>parameter_events</c>) optionally followed by comma-separated overrides, e.g.
    /// <c>sensor_data,depth=1</c> or <c>reliability=best_effort,durability=transient_local,history=keep_all</c>.</summary>
    public static QosProfile Parse(string text)
    {
        var profile = Default;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq < 0)
            {
                profile = ByName(part) ?? throw new FormatException($"unknown QoS profile '{part}' in '{text}': expected default, sensor_data, system_default, clock or parameter_events");
                continue;
            }
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            profile = key switch
            {
                "reliability" => profile with { Reliability = value switch { "reliable" => Reliability.Reliable, "best_effort" => Reliability.BestEffort, _ => throw Bad(key, value, "reliable or best_effort") } },
                "durability" => profile with { Durability = value switch { "volatile" => Durability.Volatile, "transient_local" => Durability.TransientLocal, _ => throw Bad(key, value, "volatile or transient_local") } },
                "history" => profile with { History = value switch { "keep_last" => History.KeepLast, "keep_all" => History.KeepAll, _ => throw Bad(key, value, "keep_last or keep_all") } },
                "depth" => profile with { Depth = int.TryParse(value, out var d) && d > 0 ? d : throw Bad(key, value, "a positive integer") },
                _ => throw new FormatException($"unknown QoS policy '{key}' in '{text}': expected reliability, durability, history or depth"),
            };
        }
        return profile;

        FormatException Bad(string key, string value, string expected) => new($"QoS {key} '{value}' in '{text}': expected {expected}");
    }

    private static QosProfile? ByName(string name) => name switch
    {
        "default" => Default,
        "sensor_data" => SensorData,
        "system_default" => SystemDefault,
        "clock" => Clock,
        "parameter_events" => ParameterEvents,
        _ => null,
    };

    public override string ToString() =>
        $"{(Reliability == Reliability.Reliable ? "reliable" : "best_effort")}, {(Durability == Durability.Volatile ? "volatile" : "transient_local")}, " +
        (History == History.KeepAll ? "keep_all" : $"keep_last {Depth}");
}
