using VlaRosNode.Kinematics.Features;

namespace VlaRosNode.Policy;

/// <summary>
/// The robot's recent motion as the decoding strategies see it: the end-effector poses of the last steps,
/// stamped by whoever feeds them (the node from joint-state stamps and forward kinematics, the simulator from
/// its own time), so the policy core reads no clock. HeiSD's fused metric and KERV's threshold are computed
/// from it; strategies that need no kinematics ignore it.
/// </summary>
public sealed class KinematicState(PoseHistory endEffector)
{
    public PoseHistory EndEffector { get; } = endEffector;
}
