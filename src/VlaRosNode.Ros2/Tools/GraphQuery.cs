using VlaRosNode.Ros2.Names;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2.Tools;

/// <summary>A ROS topic seen in the graph, with its types and endpoint counts.</summary>
public sealed record TopicSummary(string Name, IReadOnlyList<string> Types, int Publishers, int Subscriptions);

/// <summary>What the command-line tools ask about the graph: topics, their types, a QoS that matches their publishers.</summary>
public static class GraphQuery
{
    /// <summary>ROS topics (DDS topics under <c>rt/</c>) with their ROS type names, sorted by name.</summary>
    public static IReadOnlyList<TopicSummary> Topics(IReadOnlyList<EndpointInfo> endpoints) =>
        [.. endpoints
            .Select(e => (Topic: TopicNames.FromDdsTopic(e.DdsTopic), Endpoint: e))
            .Where(x => x.Topic is not null)
            .GroupBy(x => x.Topic!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TopicSummary(
                g.Key,
                [.. g.Select(x => TypeNames.FromDds(x.Endpoint.DdsType)).Distinct().Order(StringComparer.Ordinal)],
                g.Count(x => x.Endpoint.IsWriter),
                g.Count(x => !x.Endpoint.IsWriter)))];

    /// <summary>Waits up to <paramref name="timeout"/> for the topic to appear; returns its summary or null.</summary>
    public static TopicSummary? WaitForTopic(RosContext context, string topic, TimeSpan timeout, CancellationToken cancellation)
    {
        var deadline = RosClock.Steady + timeout;
        while (!cancellation.IsCancellationRequested)
        {
            if (Topics(context.GetEndpoints()).FirstOrDefault(t => t.Name == topic) is { } found && found.Types.Count > 0)
                return found;
            if (RosClock.Steady > deadline)
                return null;
            Thread.Sleep(50);
        }
        return null;
    }

    /// <summary>The QoS that receives from every publisher of the topic, as <c>ros2 topic echo</c> chooses it:
    /// reliable only if all are, transient-local only if all are.</summary>
    public static QosProfile AdaptedQos(IReadOnlyList<EndpointInfo> endpoints, string topic)
    {
        var writers = endpoints.Where(e => e.IsWriter && e.DdsTopic == TopicNames.ToDdsTopic(topic)).ToList();
        if (writers.Count == 0)
            return QosProfile.Default;
        return QosProfile.Default with
        {
            Reliability = writers.All(w => w.Qos.Reliability == Reliability.Reliable) ? Reliability.Reliable : Reliability.BestEffort,
            Durability = writers.All(w => w.Qos.Durability == Durability.TransientLocal) ? Durability.TransientLocal : Durability.Volatile,
        };
    }
}
