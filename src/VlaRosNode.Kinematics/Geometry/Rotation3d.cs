namespace VlaRosNode.Kinematics.Geometry;

/// <summary>
/// A 3x3 rotation matrix stored row-major in nine doubles (a value type, so poses cost no allocation).
/// Conventions follow URDF/ROS: roll-pitch-yaw is R = Rz(yaw) Ry(pitch) Rx(roll).
/// </summary>
public readonly record struct Rotation3d(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    public static readonly Rotation3d Identity = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public Vector3d ColumnX => new(M00, M10, M20);
    public Vector3d ColumnY => new(M01, M11, M21);
    public Vector3d ColumnZ => new(M02, M12, M22);

    public static Rotation3d operator *(Rotation3d a, Rotation3d b) => new(
        a.M00 * b.M00 + a.M01 * b.M10 + a.M02 * b.M20,
        a.M00 * b.M01 + a.M01 * b.M11 + a.M02 * b.M21,
        a.M00 * b.M02 + a.M01 * b.M12 + a.M02 * b.M22,
        a.M10 * b.M00 + a.M11 * b.M10 + a.M12 * b.M20,
        a.M10 * b.M01 + a.M11 * b.M11 + a.M12 * b.M21,
        a.M10 * b.M02 + a.M11 * b.M12 + a.M12 * b.M22,
        a.M20 * b.M00 + a.M21 * b.M10 + a.M22 * b.M20,
        a.M20 * b.M01 + a.M21 * b.M11 + a.M22 * b.M21,
        a.M20 * b.M02 + a.M21 * b.M12 + a.M22 * b.M22);

    public static Vector3d operator *(Rotation3d r, Vector3d v) => new(
        r.M00 * v.X + r.M01 * v.Y + r.M02 * v.Z,
        r.M10 * v.X + r.M11 * v.Y + r.M12 * v.Z,
        r.M20 * v.X + r.M21 * v.Y + r.M22 * v.Z);

    public Rotation3d Transposed() => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);

    /// <summary>Rodrigues' formula; the axis must be a unit vector.</summary>
    public static Rotation3d FromAxisAngle(Vector3d axis, double angle)
    {
        var (s, c) = Math.SinCos(angle);
        var t = 1 - c;
        var (x, y, z) = (axis.X, axis.Y, axis.Z);
        return new(
            t * x * x + c, t * x * y - s * z, t * x * z + s * y,
            t * x * y + s * z, t * y * y + c, t * y * z - s * x,
            t * x * z - s * y, t * y * z + s * x, t * z * z + c);
    }

    public static Rotation3d FromRotationVector(Vector3d rotationVector)
    {
        var angle = rotationVector.Length;
        return angle < 1e-15 ? Identity : FromAxisAngle(rotationVector / angle, angle);
    }

    public static Rotation3d FromRpy(double roll, double pitch, double yaw)
    {
        var (sr, cr) = Math.SinCos(roll);
        var (sp, cp) = Math.SinCos(pitch);
        var (sy, cy) = Math.SinCos(yaw);
        return new(
            cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr,
            sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr,
            -sp, cp * sr, cp * cr);
    }

    /// <summary>Roll, pitch, yaw with pitch in [-pi/2, pi/2]; at the singularity roll is set to 0.</summary>
    public (double Roll, double Pitch, double Yaw) ToRpy()
    {
        var pitch = Math.Asin(Math.Clamp(-M20, -1, 1));
        if (Math.Abs(M20) > 1 - 1e-12)
            return (0, pitch, Math.Atan2(-M01, M11));
        return (Math.Atan2(M21, M22), pitch, Math.Atan2(M10, M00));
    }

    /// <summary>
    /// The rotation vector (axis * angle, angle in [0, pi]) of this rotation: the SO(3) logarithm.
    /// Used as the orientation error in IK and for angular velocities between poses.
    /// </summary>
    public Vector3d ToRotationVector()
    {
        var cos = Math.Clamp((M00 + M11 + M22 - 1) / 2, -1, 1);
        var angle = Math.Acos(cos);
        var skew = new Vector3d(M21 - M12, M02 - M20, M10 - M01);
        if (angle < 1e-7)
            return skew * 0.5; // first-order: R ~ I + [w]x
        if (angle < Math.PI - 1e-6)
            return skew * (angle / (2 * Math.Sin(angle)));
        // Near pi the skew part vanishes; recover the axis from the symmetric part R = 2aa^T - I.
        var xx = Math.Sqrt(Math.Max(0, (M00 + 1) / 2));
        var yy = Math.Sqrt(Math.Max(0, (M11 + 1) / 2));
        var zz = Math.Sqrt(Math.Max(0, (M22 + 1) / 2));
        Vector3d axis;
        if (xx >= yy && xx >= zz)
            axis = new(xx, (M01 + M10) / (4 * xx), (M02 + M20) / (4 * xx));
        else if (yy >= zz)
            axis = new((M01 + M10) / (4 * yy), yy, (M12 + M21) / (4 * yy));
        else
            axis = new((M02 + M20) / (4 * zz), (M12 + M21) / (4 * zz), zz);
        // Keep the sign consistent with the (small) skew part so the vector is continuous near pi.
        if (Vector3d.Dot(axis, skew) < 0)
            axis = -axis;
        return axis.Normalized() * angle;
    }

    /// <summary>Unit quaternion (x, y, z, w) with w >= 0, as ROS messages carry orientations.</summary>
    public (double X, double Y, double Z, double W) ToQuaternion()
    {
        double x, y, z, w;
        var trace = M00 + M11 + M22;
        if (trace > 0)
        {
            var s = 2 * Math.Sqrt(trace + 1);
            (w, x, y, z) = (s / 4, (M21 - M12) / s, (M02 - M20) / s, (M10 - M01) / s);
        }
        else if (M00 > M11 && M00 > M22)
        {
            var s = 2 * Math.Sqrt(1 + M00 - M11 - M22);
            (w, x, y, z) = ((M21 - M12) / s, s / 4, (M01 + M10) / s, (M02 + M20) / s);
        }
        else if (M11 > M22)
        {
            var s = 2 * Math.Sqrt(1 + M11 - M00 - M22);
            (w, x, y, z) = ((M02 - M20) / s, (M01 + M10) / s, s / 4, (M12 + M21) / s);
        }
        else
        {
            var s = 2 * Math.Sqrt(1 + M22 - M00 - M11);
            (w, x, y, z) = ((M10 - M01) / s, (M02 + M20) / s, (M12 + M21) / s, s / 4);
        }
        return w < 0 ? (-x, -y, -z, -w) : (x, y, z, w);
    }

    public static Rotation3d FromQuaternion(double x, double y, double z, double w)
    {
        var n = Math.Sqrt(x * x + y * y + z * z + w * w);
        (x, y, z, w) = (x / n, y / n, z / n, w / n);
        return new(
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y));
    }

    /// <summary>Angle in [0, pi] of the rotation taking this orientation to <paramref name="other"/>.</summary>
    public double AngleTo(Rotation3d other) => (Transposed() * other).ToRotationVector().Length;
}
