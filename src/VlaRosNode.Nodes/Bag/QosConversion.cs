using BagQos = VlaRosNode.Bag.QosProfile;
using RosQos = VlaRosNode.Ros2.QosProfile;

namespace VlaRosNode.Nodes.Bag;

/// <summary>Between the ROS 2 client's QoS (what matching uses) and rosbag2's stored offered_qos_profiles.</summary>
public static class QosConversion
{
    public static BagQos ToBag(RosQos qos) => VlaRosNode.Bag.QosProfile.Default with
    {
        History = qos.History == Ros2.History.KeepAll ? VlaRosNode.Bag.QosHistory.KeepAll : VlaRosNode.Bag.QosHistory.KeepLast,
        Depth = qos.Depth,
        Reliability = qos.Reliability == Ros2.Reliability.BestEffort ? VlaRosNode.Bag.QosReliability.BestEffort : VlaRosNode.Bag.QosReliability.Reliable,
        Durability = qos.Durability == Ros2.Durability.TransientLocal ? VlaRosNode.Bag.QosDurability.TransientLocal : VlaRosNode.Bag.QosDurability.Volatile,
    };

    /// <summary>The profile to replay a topic with: its first recorded publisher's, or the default when none was stored.
    /// Humble records "unknown" history with depth 0: replay that as KEEP_LAST 10.</summary>
    public static RosQos ToRos2(IReadOnlyList<BagQos> offered)
    {
        if (offered.Count == 0)
            return RosQos.Default;
        var q = offered[0];
        return new RosQos(
            q.Reliability == VlaRosNode.Bag.QosReliability.BestEffort ? Ros2.Reliability.BestEffort : Ros2.Reliability.Reliable,
            q.Durability == VlaRosNode.Bag.QosDurability.TransientLocal ? Ros2.Durability.TransientLocal : Ros2.Durability.Volatile,
            q.History == VlaRosNode.Bag.QosHistory.KeepAll ? Ros2.History.KeepAll : Ros2.History.KeepLast,
            q.Depth > 0 ? q.Depth : 10);
    }
}
