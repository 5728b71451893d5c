using VlaRosNode.Messages;
using VlaRosNode.Messages.Text;

namespace VlaRosNode.Ros2.Tools;

/// <summary><c>vla topic pub</c>: publishes a message given as YAML, once or at a rate, like <c>ros2 topic pub</c>.</summary>
public static class TopicPublish
{
    /// <param name="times">Messages to send (0: until cancelled). With 1, waits for a subscriber first, as <c>--once</c> does.</param>
    /// <returns>Messages published.</returns>
    public static int Run(Node node, string topic, string type, string yaml, double rateHz, int times, QosProfile qos, TextWriter output, CancellationToken cancellation)
    {
        var info = MessageRegistry.Find(type)
            ?? throw new ToolError($"message type '{type}' is not one this package knows; known: {string.Join(", ", MessageRegistry.All.Select(t => t.RosName))}");
        IRosMessage message;
        try
        {
            message = MessageYaml.Parse(info, yaml);
        }
        catch (FormatException e)
        {
            throw new ToolError($"cannot build a {info.RosName} from '{yaml}': {e.Message}");
        }
        var payload = new byte[message.GetSerializedSize()];
        message.Serialize(payload);
        using var publisher = node.CreateRawPublisher(topic, info.RosName, qos);
        if (times == 1)
            while (publisher.SubscriptionCount == 0 && !cancellation.IsCancellationRequested)
                cancellation.WaitHandle.WaitOne(20);
        output.WriteLine($"publisher: beginning loop");
        var period = TimeSpan.FromSeconds(1 / rateHz);
        var next = RosClock.Steady;
        var sent = 0;
        while (!cancellation.IsCancellationRequested && (times == 0 || sent < times))
        {
            publisher.Publish(payload);
            sent++;
            output.WriteLine($"publishing #{sent}: {info.RosName}");
            output.Write(MessageYaml.Format(message));
            output.Flush();
            if (times > 0 && sent == times)
                break;
            next += period;
            var wait = next - RosClock.Steady;
            if (wait > TimeSpan.Zero)
                cancellation.WaitHandle.WaitOne(wait);
        }
        // Give a reliable subscriber time to acknowledge before the writer goes away.
        if (publisher.SubscriptionCount > 0 && qos.Reliability == Reliability.Reliable)
            cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(300));
        return sent;
    }
}
