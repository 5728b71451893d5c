namespace VlaRosNode.Bag;

/// <summary>Which messages a read returns: topics (null = all) and an inclusive log-time range in nanoseconds.</summary>
public sealed record MessageFilter(IReadOnlyCollection<string>? Topics = null, long StartTime = long.MinValue, long EndTime = long.MaxValue)
{
    public static MessageFilter All { get; } = new();

    public bool IncludesTopic(string topic) => Topics is null || Topics.Contains(topic);

    public bool IncludesTime(long logTime) => logTime >= StartTime && logTime <= EndTime;

    /// <summary>True when [start, end] overlaps the filter's range.</summary>
    public bool OverlapsTime(long start, long end) => end >= StartTime && start <= EndTime;
}
