using System.Numerics;
using VlaRosNode.Sim.Geometry;

namespace VlaRosNode.Sim.Render;

/// <summary>What the renderer needs of the arm: the joint origins along the chain (from FK), the tool frame and
/// the finger opening. Links are drawn as cylinders between consecutive joint origins.</summary>
public sealed class RobotVisual(int jointCount)
{
    /// <summary>World positions of the chain's frames from the base to the flange.</summary>
    public Vector3[] ChainPoints { get; } = new Vector3[jointCount];

    public Pose Tcp { get; set; } = Pose.Identity;

    /// <summary>Distance between the finger pads, m.</summary>
    public float GripperWidth { get; set; }
}
