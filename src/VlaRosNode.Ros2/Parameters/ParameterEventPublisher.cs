using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.RclInterfaces;

namespace VlaRosNode.Ros2.Parameters;

/// <summary>Publishes a node's parameter declarations and accepted sets on <c>/parameter_events</c> (rcl_interfaces/msg/
/// ParameterEvent, QoS parameter_events), stamped with the node's clock as rclcpp does.</summary>
internal static class ParameterEventPublisher
{
    public const string Topic = "/parameter_events";

    public static void Attach(Node node)
    {
        var publisher = node.CreatePublisher<ParameterEvent>(Topic, QosProfile.ParameterEvents);
        node.Parameters.Event += (created, changed) =>
        {
            var now = node.Clock.Now;
            publisher.Publish(new ParameterEvent
            {
                Stamp = new Time { Sec = now.Seconds, Nanosec = now.NanosecondsPart },
                Node = node.FullyQualifiedName,
                NewParameters = [.. created.Select(ParameterMessages.ToMessage)],
                ChangedParameters = [.. changed.Select(ParameterMessages.ToMessage)],
            });
        };
    }
}
