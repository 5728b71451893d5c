using VlaRosNode.Messages;
using VlaRosNode.Messages.Text;

namespace VlaRosNode.Ros2.Tools;

/// <summary><c>vla topic echo</c>: prints each message of a topic as YAML followed by <c>---</c>, like <c>ros2 topic echo</c>.</summary>
public static class TopicEcho
{
    /// <param name="type">ROS type; discovered from the topic's publishers when null.</param>
    /// <param name="qos">QoS; adapted to the publishers when null.</param>
    /// <param name="count">Stop after this many messages (0: run until cancelled).</param>
    /// <returns>Messages printed.</returns>
    public static int Run(Node node, string topic, string? type, QosProfile? qos, int count, int arrayLimit, TextWriter output, TimeSpan discoveryTimeout, CancellationToken cancellation)
    {
        var resolved = node.ResolveTopicName(topic);
        var info = TopicType.Resolve(node, resolved, type, discoveryTimeout, cancellation);
        var profile = qos ?? GraphQuery.AdaptedQos(node.Context.GetEndpoints(), resolved);
        var printed = 0;
        using var done = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, done.Token);
        using var subscription = node.CreateRawSubscription(resolved, info.RosName, (payload, in _) =>
        {
            if (count > 0 && printed >= count)
                return;
            output.Write(MessageYaml.Format(info.Decode(payload), arrayLimit));
            output.WriteLine("---");
            output.Flush();
            if (++printed == count)
                done.Cancel();
        }, profile);
        node.Spin(linked.Token);
        return printed;
    }
}

/// <summary>Finds the generated type of a topic: given by name, or read off the graph.</summary>
internal static class TopicType
{
    public static MessageTypeInfo Resolve(Node node, string topic, string? type, TimeSpan discoveryTimeout, CancellationToken cancellation)
    {
        if (type is null)
        {
            var summary = GraphQuery.WaitForTopic(node.Context, topic, discoveryTimeout, cancellation)
                ?? throw new ToolError($"topic '{topic}' does not appear to be published yet (waited {discoveryTimeout.TotalSeconds:0.#} s); give its type to subscribe anyway");
            if (summary.Types.Count > 1)
                throw new ToolError($"topic '{topic}' has more than one type ({string.Join(", ", summary.Types)}); say which");
            type = summary.Types[0];
        }
        return MessageRegistry.Find(type)
            ?? throw new ToolError($"message type '{type}' is not one this package knows; known: {string.Join(", ", MessageRegistry.All.Select(t => t.RosName))}");
    }
}
