namespace VlaRosNode.Kinematics.Geometry;

/// <summary>A rigid transform (rotation then translation): maps child-frame points into the parent frame.</summary>
public readonly record struct Pose3d(Rotation3d Rotation, Vector3d Position)
{
    public static readonly Pose3d Identity = new(Rotation3d.Identity, Vector3d.Zero);

    public static Pose3d operator *(Pose3d a, Pose3d b) =>
        new(a.Rotation * b.Rotation, a.Rotation * b.Position + a.Position);

    public Vector3d TransformPoint(Vector3d point) => Rotation * point + Position;

    public Pose3d Inverse()
    {
        var rt = Rotation.Transposed();
        return new(rt, -(rt * Position));
    }

    public static Pose3d FromXyzRpy(Vector3d xyz, Vector3d rpy) => new(Rotation3d.FromRpy(rpy.X, rpy.Y, rpy.Z), xyz);

    public static Pose3d Translation(Vector3d xyz) => new(Rotation3d.Identity, xyz);

    public override string ToString()
    {
        var (r, p, y) = Rotation.ToRpy();
        return FormattableString.Invariant($"xyz {Position} rpy ({r:G6}, {p:G6}, {y:G6})");
    }
}
