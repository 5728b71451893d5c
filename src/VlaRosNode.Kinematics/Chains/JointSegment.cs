using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Urdf;

namespace VlaRosNode.Kinematics.Chains;

/// <summary>
/// One URDF joint compiled for evaluation: its fixed origin, its motion, and which variable drives it
/// (-1 for fixed joints). A mimic joint points at its master's variable with the mimic's multiplier/offset.
/// </summary>
internal readonly struct JointSegment(Pose3d origin, JointType type, Vector3d axis, int variable, double multiplier, double offset)
{
    public readonly Pose3d Origin = origin;
    public readonly JointType Type = type;
    public readonly Vector3d Axis = axis;
    public readonly int Variable = variable;
    public readonly double Multiplier = multiplier;
    public readonly double Offset = offset;

    public bool IsMoving => Variable >= 0;

    /// <summary>The child link's pose given the parent link's, at joint variables <paramref name="q"/>.</summary>
    public Pose3d ChildPose(Pose3d parent, ReadOnlySpan<double> q) => Move(parent * Origin, q);

    /// <summary>
    /// The child link's pose given this joint's own frame (parent pose times <see cref="Origin"/>): the joint's
    /// motion applied in that frame. FK and the Jacobian both go through here, so they agree to the bit.
    /// </summary>
    public Pose3d Move(Pose3d jointFrame, ReadOnlySpan<double> q)
    {
        if (Variable < 0)
            return jointFrame;
        var value = Multiplier * q[Variable] + Offset;
        return Type == JointType.Prismatic
            ? new Pose3d(jointFrame.Rotation, jointFrame.Position + jointFrame.Rotation * (Axis * value))
            : new Pose3d(jointFrame.Rotation * Rotation3d.FromAxisAngle(Axis, value), jointFrame.Position);
    }

    /// <summary>
    /// Compiles <paramref name="joint"/>, adding its driving joint (itself, or its mimic master) to
    /// <paramref name="variables"/> on first use.
    /// </summary>
    public static JointSegment Compile(UrdfModel model, UrdfJoint joint, List<UrdfJoint> variables)
    {
        if (!joint.IsMoving)
            return new JointSegment(joint.Origin, joint.Type, joint.Axis, -1, 0, 0);
        var driver = joint.Mimic is null ? joint : model.Joint(joint.Mimic.Joint);
        var index = variables.IndexOf(driver);
        if (index < 0)
        {
            index = variables.Count;
            variables.Add(driver);
        }
        return new JointSegment(joint.Origin, joint.Type, joint.Axis, index,
            joint.Mimic?.Multiplier ?? 1, joint.Mimic?.Offset ?? 0);
    }
}
