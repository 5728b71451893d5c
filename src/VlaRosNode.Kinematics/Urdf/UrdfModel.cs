using VlaRosNode.Kinematics.Geometry;

namespace VlaRosNode.Kinematics.Urdf;

public enum JointType
{
    Revolute,
    Continuous,
    Prismatic,
    Fixed,
}

/// <summary>URDF &lt;limit&gt;: position bounds (rad or m), velocity (rad/s or m/s), effort.</summary>
public sealed record JointLimits(double Lower, double Upper, double Velocity, double Effort);

/// <summary>URDF &lt;mimic&gt;: this joint's value = Multiplier * value(Joint) + Offset.</summary>
public sealed record JointMimic(string Joint, double Multiplier, double Offset);

/// <summary>
/// One URDF joint. <see cref="Axis"/> is a unit vector in the joint frame; <see cref="Limits"/> is null for
/// fixed joints and for continuous joints without a &lt;limit&gt; element.
/// </summary>
public sealed record UrdfJoint(
    string Name,
    JointType Type,
    string Parent,
    string Child,
    Pose3d Origin,
    Vector3d Axis,
    JointLimits? Limits,
    JointMimic? Mimic)
{
    public bool IsMoving => Type != JointType.Fixed;
}

public sealed record UrdfLink(string Name);

/// <summary>A parsed and validated URDF robot: a tree of links connected by joints, rooted at <see cref="RootLink"/>.</summary>
public sealed class UrdfModel
{
    private readonly Dictionary<string, UrdfJoint> jointsByName;
    private readonly Dictionary<string, UrdfJoint> parentJointByChild;

    public UrdfModel(string name, IReadOnlyList<UrdfLink> links, IReadOnlyList<UrdfJoint> joints, string rootLink)
    {
        Name = name;
        Links = links;
        Joints = joints;
        RootLink = rootLink;
        jointsByName = joints.ToDictionary(j => j.Name, StringComparer.Ordinal);
        parentJointByChild = joints.ToDictionary(j => j.Child, StringComparer.Ordinal);
    }

    public string Name { get; }
    public IReadOnlyList<UrdfLink> Links { get; }
    public IReadOnlyList<UrdfJoint> Joints { get; }
    public string RootLink { get; }

    public UrdfJoint Joint(string name) =>
        jointsByName.TryGetValue(name, out var joint)
            ? joint
            : throw new KeyNotFoundException($"robot '{Name}' has no joint '{name}'");

    /// <summary>The joint whose child is <paramref name="link"/>; null for the root link.</summary>
    public UrdfJoint? ParentJointOf(string link) => parentJointByChild.GetValueOrDefault(link);

    public bool HasLink(string name) => Links.Any(l => l.Name == name);
}
