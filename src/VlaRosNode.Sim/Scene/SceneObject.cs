using System.Numerics;
using VlaRosNode.Sim.Geometry;

namespace VlaRosNode.Sim.Scene;

/// <summary>What an object is doing: lying on a support, closed in the gripper, or dropping after release.</summary>
public enum ObjectState
{
    Resting,
    Held,
    Falling,
}

/// <summary>One object on the table. Its pose is the bottom centre; <see cref="SupportId"/> is what it rests on.</summary>
public sealed class SceneObject
{
    /// <summary>Support id meaning the table itself.</summary>
    public const int Table = -1;

    public SceneObject(int id, ObjectKind kind, ObjectColor color, Pose pose)
    {
        Id = id;
        Kind = kind;
        Color = color;
        Pose = pose;
        Size = ObjectCatalog.Size(kind);
    }

    public int Id { get; }
    public ObjectKind Kind { get; }
    public ObjectColor Color { get; }
    public Vector3 Size { get; }
    public Pose Pose { get; set; }
    public ObjectState State { get; set; } = ObjectState.Resting;

    /// <summary>Id of the object this one rests on, or <see cref="Table"/>; meaningful while resting or falling.</summary>
    public int SupportId { get; set; } = Table;

    /// <summary>Downward speed while falling, m/s.</summary>
    public float FallSpeed { get; set; }

    public bool IsGraspable => ObjectCatalog.IsGraspable(Kind);
    public float Height => Size.Z;
    public Vector3 Centre => Pose.TransformPoint(new Vector3(0, 0, Size.Z / 2));
    public string Name => $"{ObjectCatalog.Name(Color)} {ObjectCatalog.Name(Kind)}";

    /// <summary>Yaw about world z, radians (objects stay upright).</summary>
    public float Yaw
    {
        get
        {
            var x = Vector3.Transform(Vector3.UnitX, Pose.Rotation);
            return MathF.Atan2(x.Y, x.X);
        }
    }

    public override string ToString() => $"#{Id} {Name} at ({Pose.Position.X:F3}, {Pose.Position.Y:F3}, {Pose.Position.Z:F3}) {State}";
}
