using Microsoft.Extensions.Logging;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Ros2;

/// <summary>What a publisher or subscription does with transport events: report incompatible QoS the way rclcpp does.</summary>
internal sealed class EndpointEvents(ILogger logger, string topic, QosProfile qos, bool isPublisher) : IEndpointEvents
{
    private volatile int _matched;

    public int Matched => _matched;

    public void OnIncompatibleQos(string policy)
    {
        if (isPublisher)
            logger.LogWarning("New subscription discovered on topic '{Topic}', requesting incompatible QoS. No messages will be sent to it. Last incompatible policy: {Policy} (we offer {Qos})", topic, policy, qos);
        else
            logger.LogWarning("New publisher discovered on topic '{Topic}', offering incompatible QoS. No messages will be received from it. Last incompatible policy: {Policy} (we request {Qos})", topic, policy, qos);
    }

    public void OnMatchedChanged(int currentCount) => _matched = currentCount;
}
