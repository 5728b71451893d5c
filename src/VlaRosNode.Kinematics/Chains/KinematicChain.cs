using MathNet.Numerics.LinearAlgebra;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Urdf;

namespace VlaRosNode.Kinematics.Chains;

/// <summary>
/// The serial chain of joints from a base link to a tool link: forward kinematics and the geometric
/// Jacobian. Methods take spans and write into caller buffers so a control step allocates nothing.
/// Thread-safe (no mutable state).
/// </summary>
public sealed class KinematicChain
{
    private readonly JointSegment[] segments;

    private KinematicChain(string baseLink, string toolLink, JointSegment[] segments, string[] links, JointVariables variables)
    {
        BaseLink = baseLink;
        ToolLink = toolLink;
        this.segments = segments;
        LinkNames = links;
        Variables = variables;
    }

    public string BaseLink { get; }
    public string ToolLink { get; }

    /// <summary>Links along the chain, base first and tool last; <see cref="ForwardKinematics(ReadOnlySpan{double}, Span{Pose3d})"/> fills poses in this order.</summary>
    public IReadOnlyList<string> LinkNames { get; }

    /// <summary>The chain's degrees of freedom: the joint vector q has this order and length.</summary>
    public JointVariables Variables { get; }

    public int Dof => Variables.Count;

    /// <summary>Builds the chain from <paramref name="baseLink"/> down to <paramref name="toolLink"/>.</summary>
    public static KinematicChain Create(UrdfModel model, string baseLink, string toolLink)
    {
        if (!model.HasLink(baseLink))
            throw new ArgumentException($"robot '{model.Name}' has no link '{baseLink}'", nameof(baseLink));
        if (!model.HasLink(toolLink))
            throw new ArgumentException($"robot '{model.Name}' has no link '{toolLink}'", nameof(toolLink));

        var path = new List<UrdfJoint>();
        for (var link = toolLink; link != baseLink;)
        {
            var joint = model.ParentJointOf(link)
                ?? throw new ArgumentException($"link '{baseLink}' is not an ancestor of '{toolLink}' in robot '{model.Name}'", nameof(baseLink));
            path.Add(joint);
            link = joint.Parent;
        }
        path.Reverse();

        var drivers = new List<UrdfJoint>();
        var segments = path.Select(j => JointSegment.Compile(model, j, drivers)).ToArray();
        var links = path.Select(j => j.Child).Prepend(baseLink).ToArray();
        return new KinematicChain(baseLink, toolLink, segments, links, new JointVariables(drivers));
    }

    /// <summary>The tool pose in the base frame.</summary>
    public Pose3d ForwardKinematics(ReadOnlySpan<double> q)
    {
        CheckLength(q);
        var pose = Pose3d.Identity;
        foreach (ref readonly var segment in segments.AsSpan())
            pose = segment.ChildPose(pose, q);
        return pose;
    }

    /// <summary>Every link pose along the chain (see <see cref="LinkNames"/>); returns the tool pose.</summary>
    public Pose3d ForwardKinematics(ReadOnlySpan<double> q, Span<Pose3d> linkPoses)
    {
        CheckLength(q);
        if (linkPoses.Length != LinkNames.Count)
            throw new ArgumentException($"need {LinkNames.Count} link poses, got {linkPoses.Length}", nameof(linkPoses));
        var pose = Pose3d.Identity;
        linkPoses[0] = pose;
        for (var i = 0; i < segments.Length; i++)
            linkPoses[i + 1] = pose = segments[i].ChildPose(pose, q);
        return pose;
    }

    /// <summary>A dense 6 x Dof matrix for <see cref="Jacobian"/>.</summary>
    public Matrix<double> CreateJacobian() => Matrix<double>.Build.Dense(6, Dof);

    /// <summary>
    /// The geometric Jacobian (6 x Dof) in the base frame, for the tool origin: rows 0-2 linear velocity,
    /// rows 3-5 angular velocity. Mimic joints add their multiplier times their column to their master's.
    /// The matrix must be dense (<see cref="CreateJacobian"/>): its storage is written directly, as MathNet's
    /// indexer would cost more than the kinematics. Returns the tool pose.
    /// </summary>
    public Pose3d Jacobian(ReadOnlySpan<double> q, Matrix<double> jacobian)
    {
        CheckLength(q);
        if (jacobian.RowCount != 6 || jacobian.ColumnCount != Dof)
            throw new ArgumentException($"the Jacobian must be 6x{Dof}, got {jacobian.RowCount}x{jacobian.ColumnCount}", nameof(jacobian));
        var columns = jacobian.AsColumnMajorArray()
            ?? throw new ArgumentException("the Jacobian must be a dense matrix", nameof(jacobian));

        Span<Vector3d> axes = stackalloc Vector3d[segments.Length];
        Span<Vector3d> origins = stackalloc Vector3d[segments.Length];
        var pose = Pose3d.Identity;
        for (var i = 0; i < segments.Length; i++)
        {
            ref readonly var segment = ref segments[i];
            var jointFrame = pose * segment.Origin;
            axes[i] = jointFrame.Rotation * segment.Axis;
            origins[i] = jointFrame.Position;
            pose = segment.Move(jointFrame, q);
        }

        Array.Clear(columns);
        var tool = pose.Position;
        for (var i = 0; i < segments.Length; i++)
        {
            ref readonly var segment = ref segments[i];
            if (!segment.IsMoving)
                continue;
            var column = columns.AsSpan(6 * segment.Variable, 6);
            var axis = axes[i] * segment.Multiplier;
            var linear = segment.Type == JointType.Prismatic ? axis : Vector3d.Cross(axis, tool - origins[i]);
            var angular = segment.Type == JointType.Prismatic ? Vector3d.Zero : axis;
            column[0] += linear.X;
            column[1] += linear.Y;
            column[2] += linear.Z;
            column[3] += angular.X;
            column[4] += angular.Y;
            column[5] += angular.Z;
        }
        return pose;
    }

    private void CheckLength(ReadOnlySpan<double> q)
    {
        if (q.Length != Dof)
            throw new ArgumentException($"chain {BaseLink} -> {ToolLink} has {Dof} joints, got {q.Length} values", nameof(q));
    }
}
