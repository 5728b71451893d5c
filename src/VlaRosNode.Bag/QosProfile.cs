namespace VlaRosNode.Bag;

/// <summary>A ROS 2 QoS profile as rosbag2 stores it per topic (offered_qos_profiles).</summary>
public sealed record QosProfile(
    QosHistory History,
    int Depth,
    QosReliability Reliability,
    QosDurability Durability,
    RosDuration Deadline,
    RosDuration Lifespan,
    QosLiveliness Liveliness,
    RosDuration LivelinessLeaseDuration,
    bool AvoidRosNamespaceConventions = false)
{
    /// <summary>Default publisher profile as recorded (KEEP_LAST 10, reliable, volatile, automatic liveliness), durations infinite.</summary>
    public static QosProfile Default { get; } = new(QosHistory.KeepLast, 10, QosReliability.Reliable, QosDurability.Volatile,
        RosDuration.Infinite, RosDuration.Infinite, QosLiveliness.Automatic, RosDuration.Infinite);

    /// <summary>sensor_data profile (KEEP_LAST 5, best effort, volatile).</summary>
    public static QosProfile SensorData { get; } = Default with { Depth = 5, Reliability = QosReliability.BestEffort };
}

/// <summary>A duration as rosbag2's QoS YAML writes it: seconds and nanoseconds.</summary>
public readonly record struct RosDuration(long Sec, long Nsec)
{
    /// <summary>RMW_DURATION_INFINITE as rosbag2 writes it (Humble: INT32_MAX s + UINT32_MAX ns; Jazzy: INT64_MAX ns).</summary>
    public static RosDuration Infinite { get; } = new(9223372036, 854775807);

    public static RosDuration Zero { get; } = new(0, 0);
}

// Numbering = the rmw enums rosbag2 writes before metadata version 9; names = what version 9 writes.
public enum QosHistory { SystemDefault = 0, KeepLast = 1, KeepAll = 2, Unknown = 3 }

public enum QosReliability { SystemDefault = 0, Reliable = 1, BestEffort = 2, Unknown = 3, BestAvailable = 4 }

public enum QosDurability { SystemDefault = 0, TransientLocal = 1, Volatile = 2, Unknown = 3, BestAvailable = 4 }

public enum QosLiveliness { SystemDefault = 0, Automatic = 1, ManualByNode = 2, ManualByTopic = 3, Unknown = 4, BestAvailable = 5 }
