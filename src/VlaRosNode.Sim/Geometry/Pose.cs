using System.Numerics;

namespace VlaRosNode.Sim.Geometry;

/// <summary>A rigid transform (position + unit quaternion) in single precision, the renderer's and scene's unit.</summary>
public readonly record struct Pose(Vector3 Position, Quaternion Rotation)
{
    public static Pose Identity => new(Vector3.Zero, Quaternion.Identity);

    public Vector3 TransformPoint(Vector3 local) => Position + Vector3.Transform(local, Rotation);

    public Vector3 TransformDirection(Vector3 local) => Vector3.Transform(local, Rotation);

    /// <summary>This pose followed by <paramref name="child"/> expressed in this pose's frame.</summary>
    public Pose Compose(Pose child) => new(TransformPoint(child.Position), Quaternion.Normalize(Rotation * child.Rotation));

    public Pose Inverse()
    {
        var inv = Quaternion.Inverse(Rotation);
        return new Pose(Vector3.Transform(-Position, inv), inv);
    }

    /// <summary>The row-vector matrix System.Numerics uses (v' = v * M), with an optional scale applied first.</summary>
    public Matrix4x4 ToMatrix(Vector3 scale) =>
        Matrix4x4.CreateScale(scale) * Matrix4x4.CreateFromQuaternion(Rotation) * Matrix4x4.CreateTranslation(Position);

    public Matrix4x4 ToMatrix() => ToMatrix(Vector3.One);

    /// <summary>Rotation about world z by <paramref name="yaw"/> radians at <paramref name="position"/>.</summary>
    public static Pose FromYaw(Vector3 position, float yaw) => new(position, Quaternion.CreateFromAxisAngle(Vector3.UnitZ, yaw));
}
