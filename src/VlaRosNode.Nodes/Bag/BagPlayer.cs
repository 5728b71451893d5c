using System.Diagnostics;
using VlaRosNode.Bag;
using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.RosgraphMsgs;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.Bag;

/// <param name="Rate">Playback speed factor.</param>
/// <param name="PublishClock">Publish /clock (bag time) for use_sim_time consumers.</param>
/// <param name="ClockHz">How often /clock is published while waiting for the next message.</param>
/// <param name="Loop">Start again at the end.</param>
/// <param name="Topics">Topics to play (null = all).</param>
/// <param name="StartOffsetSeconds">Skip this much of the bag's beginning.</param>
public sealed record PlayOptions(double Rate = 1, bool PublishClock = false, double ClockHz = 40, bool Loop = false,
    IReadOnlyCollection<string>? Topics = null, double StartOffsetSeconds = 0);

/// <summary>Publishes a bag's messages with each topic's recorded QoS and the original spacing in time (scaled
/// by the rate), and optionally /clock.</summary>
public sealed class BagPlayer
{
    private readonly BagReader _bag;
    private readonly PlayOptions _options;
    private readonly Dictionary<string, RawPublisher> _publishers;
    private readonly Publisher<Clock>? _clock;

    /// <summary>Creates the publishers (so subscribers can match before <see cref="Play"/>).</summary>
    public BagPlayer(Node node, BagReader bag, PlayOptions options)
    {
        _bag = bag;
        _options = options;
        _publishers = bag.Topics
            .Where(t => options.Topics is null || options.Topics.Contains(t.Name))
            .ToDictionary(t => t.Name, t => node.CreateRawPublisher(t.Name, t.Type, QosConversion.ToRos2(t.OfferedQosProfiles)));
        _clock = options.PublishClock ? node.CreatePublisher<Clock>("/clock", Ros2.QosProfile.Clock) : null;
    }

    public IReadOnlyDictionary<string, RawPublisher> Publishers => _publishers;

    /// <summary>Plays until the end (or forever with Loop) or cancellation; returns messages published.</summary>
    public long Play(CancellationToken cancellation)
    {
        var (bag, options, publishers, clock) = (_bag, _options, _publishers, _clock);
        var info = bag.Info();
        var start = info.StartTime + (long)(options.StartOffsetSeconds * 1e9);
        var filter = new MessageFilter(publishers.Keys.ToList(), start);
        long published = 0;
        do
        {
            var wall = Stopwatch.StartNew();
            foreach (var message in bag.ReadMessages(filter))
            {
                var due = TimeSpan.FromSeconds((message.LogTime - start) / 1e9 / options.Rate);
                if (!WaitUntil(wall, due, message.LogTime, clock, start, cancellation))
                    return published;
                clock?.Publish(ClockAt(message.LogTime));
                publishers[message.Topic.Name].Publish(message.Data.Span);
                published++;
            }
        }
        while (options.Loop && !cancellation.IsCancellationRequested);
        return published;
    }

    /// <summary>Sleeps until <paramref name="due"/> after the start of playback (bag time <paramref name="dueTime"/>),
    /// publishing /clock on the way.</summary>
    private bool WaitUntil(Stopwatch wall, TimeSpan due, long dueTime, Publisher<Clock>? clock, long start, CancellationToken cancellation)
    {
        var slice = TimeSpan.FromSeconds(1 / _options.ClockHz);
        while (true)
        {
            var left = due - wall.Elapsed;
            if (left <= TimeSpan.Zero)
                return !cancellation.IsCancellationRequested;
            if (cancellation.WaitHandle.WaitOne(clock is null ? left : TimeSpan.FromTicks(Math.Min(left.Ticks, slice.Ticks))))
                return false;
            // Capped at the due message's time: a wait that overslept must not publish a clock past the message,
            // whose own /clock follows and would then step time backwards.
            clock?.Publish(ClockAt(Math.Min(dueTime, start + (long)(wall.Elapsed.TotalSeconds * _options.Rate * 1e9))));
        }
    }

    private static Clock ClockAt(long nanoseconds) =>
        new() { Clock_ = new Time { Sec = (int)(nanoseconds / 1_000_000_000), Nanosec = (uint)(nanoseconds % 1_000_000_000) } };
}
