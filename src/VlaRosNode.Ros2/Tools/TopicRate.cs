using System.Globalization;

namespace VlaRosNode.Ros2.Tools;

/// <summary>Arrival statistics over a sliding window of message intervals, as <c>ros2 topic hz</c> reports them.</summary>
public sealed class RateWindow(int window)
{
    private readonly Queue<double> _intervals = new();
    private TimeSpan? _last;

    public int Count => _intervals.Count;

    public void Add(TimeSpan arrival)
    {
        if (_last is { } last)
        {
            _intervals.Enqueue((arrival - last).TotalSeconds);
            if (_intervals.Count > window)
                _intervals.Dequeue();
        }
        _last = arrival;
    }

    /// <summary>"average rate: ..." and the min/max/std dev line, or null before two messages arrived.</summary>
    public string? Report()
    {
        if (_intervals.Count == 0)
            return null;
        var mean = _intervals.Average();
        var std = Math.Sqrt(_intervals.Sum(x => (x - mean) * (x - mean)) / _intervals.Count);
        return string.Create(CultureInfo.InvariantCulture,
            $"average rate: {1 / mean:0.000}\n\tmin: {_intervals.Min():0.000}s max: {_intervals.Max():0.000}s std dev: {std:0.00000}s window: {_intervals.Count + 1}");
    }
}

/// <summary><c>vla topic hz</c>: prints the receive rate of a topic every second.</summary>
public static class TopicHz
{
    public static RateWindow Run(Node node, string topic, string? type, QosProfile? qos, int window, TextWriter output, TimeSpan discoveryTimeout, CancellationToken cancellation)
    {
        var resolved = node.ResolveTopicName(topic);
        var info = TopicType.Resolve(node, resolved, type, discoveryTimeout, cancellation);
        var rate = new RateWindow(window);
        using var subscription = node.CreateRawSubscription(resolved, info.RosName, (_, in _) => rate.Add(RosClock.Steady),
            qos ?? GraphQuery.AdaptedQos(node.Context.GetEndpoints(), resolved).WithDepth(1000));
        using var report = node.CreateTimer(TimeSpan.FromSeconds(1), () =>
        {
            output.WriteLine(rate.Report() ?? "no new messages");
            output.Flush();
        });
        node.Spin(cancellation);
        return rate;
    }
}
