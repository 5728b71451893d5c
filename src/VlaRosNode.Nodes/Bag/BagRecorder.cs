using VlaRosNode.Bag;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Names;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Nodes.Bag;

/// <summary>Records topics into a <see cref="BagWriter"/>: subscribes to each wanted topic once a publisher
/// appears, with a QoS that matches every publisher (reliable / transient-local only if all of them are), and
/// stores the publishers' offered QoS. Call <see cref="Discover"/> periodically; dispose before the writer.</summary>
public sealed class BagRecorder(Node node, BagWriter writer, IReadOnlyCollection<string>? topics) : IDisposable
{
    private readonly Dictionary<string, RawSubscription> _subscriptions = [];
    private readonly Lock _writeLock = new();
    private long _received;
    private bool _stopped;

    public long Received => Interlocked.Read(ref _received);

    public IReadOnlyCollection<string> RecordedTopics => _subscriptions.Keys;

    /// <summary>Subscribes to wanted topics that have publishers and no subscription yet; returns the new ones.</summary>
    public IReadOnlyList<string> Discover()
    {
        var endpoints = node.Context.GetEndpoints();
        var added = new List<string>();
        foreach (var topic in GraphQuery.Topics(endpoints))
        {
            if (topic.Publishers == 0 || topic.Types.Count == 0 || _subscriptions.ContainsKey(topic.Name))
                continue;
            if (topics is not null && !topics.Contains(topic.Name))
                continue;
            var type = topic.Types[0];
            var offered = endpoints.Where(e => e.IsWriter && e.DdsTopic == TopicNames.ToDdsTopic(topic.Name)).Select(e => QosConversion.ToBag(e.Qos)).ToList();
            lock (_writeLock)
                writer.CreateTopic(new TopicMetadata(topic.Name, type, "cdr", offered, "", TopicMetadata.DefinitionOf(type)));
            var name = topic.Name;
            // KEEP_ALL: a burst must not overflow the subscription queue before the executor drains it into the bag.
            var qos = GraphQuery.AdaptedQos(endpoints, name) with { History = History.KeepAll };
            _subscriptions[name] = node.CreateRawSubscription(name, type, (payload, in info) => Store(name, payload, info), qos);
            added.Add(name);
        }
        return added;
    }

    private void Store(string topic, ReadOnlySpan<byte> payload, in MessageInfo info)
    {
        lock (_writeLock)
        {
            if (_stopped)
                return;
            writer.Write(topic, info.ReceivedTimestamp.Nanoseconds, payload, info.SourceTimestamp.Nanoseconds);
        }
        Interlocked.Increment(ref _received);
    }

    /// <summary>Unsubscribes; messages already handed to the writer are kept, later ones are ignored.</summary>
    public void Dispose()
    {
        lock (_writeLock)
            _stopped = true;
        foreach (var subscription in _subscriptions.Values)
            subscription.Dispose();
    }
}
