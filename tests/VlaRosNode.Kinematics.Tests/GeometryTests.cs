using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Tests.Support;

namespace VlaRosNode.Kinematics.Tests;

public class GeometryTests
{
    private static IEnumerable<Rotation3d> RandomRotations(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
            yield return Rotation3d.FromRpy((random.NextDouble() * 2 - 1) * Math.PI, (random.NextDouble() * 2 - 1) * Math.PI / 2, (random.NextDouble() * 2 - 1) * Math.PI);
    }

    [Test]
    public void RpyIsYawPitchRollAboutFixedAxesAsInUrdf()
    {
        // URDF: R = Rz(yaw) Ry(pitch) Rx(roll). Ry is built here as RotX(-pi/2) RotZ(pitch) RotX(pi/2).
        var (roll, pitch, yaw) = (0.3, -0.8, 2.1);
        var expected = DhTables.RotZ(yaw) * DhTables.RotX(-Math.PI / 2) * DhTables.RotZ(pitch) * DhTables.RotX(Math.PI / 2) * DhTables.RotX(roll);
        var r = Rotation3d.FromRpy(roll, pitch, yaw);
        double[] got = [r.M00, r.M01, r.M02, r.M10, r.M11, r.M12, r.M20, r.M21, r.M22];
        for (var i = 0; i < 9; i++)
            Assert.That(got[i], Is.EqualTo(expected[i / 3, i % 3]).Within(1e-12), $"element {i}");
    }

    [Test]
    public void RpyQuaternionAndRotationVectorRoundTrip()
    {
        foreach (var r in RandomRotations(1, 500))
        {
            var (roll, pitch, yaw) = r.ToRpy();
            Assert.That(r.AngleTo(Rotation3d.FromRpy(roll, pitch, yaw)), Is.LessThan(1e-9), "rpy");
            var (x, y, z, w) = r.ToQuaternion();
            Assert.That(x * x + y * y + z * z + w * w, Is.EqualTo(1).Within(1e-12));
            Assert.That(w, Is.GreaterThanOrEqualTo(0));
            Assert.That(r.AngleTo(Rotation3d.FromQuaternion(x, y, z, w)), Is.LessThan(1e-9), "quaternion");
            Assert.That(r.AngleTo(Rotation3d.FromRotationVector(r.ToRotationVector())), Is.LessThan(1e-9), "rotation vector");
        }
    }

    [TestCase(0.0)]
    [TestCase(1e-9)]
    [TestCase(1.0)]
    [TestCase(Math.PI - 1e-4)]
    [TestCase(Math.PI - 1e-8)]
    [TestCase(Math.PI)]
    public void RotationVectorRecoversAxisAndAngleIncludingNearPi(double angle)
    {
        var axis = new Vector3d(-0.2, 0.6, 0.7).Normalized();
        var vector = Rotation3d.FromAxisAngle(axis, angle).ToRotationVector();
        Assert.That(vector.Length, Is.EqualTo(angle).Within(1e-7));
        if (angle > 1e-3)
            Assert.That(Math.Abs(Vector3d.Dot(vector.Normalized(), axis)), Is.EqualTo(1).Within(1e-7));
    }

    [Test]
    public void PoseInverseAndComposition()
    {
        var a = new Pose3d(Rotation3d.FromRpy(0.1, 0.2, 0.3), new Vector3d(1, -2, 0.5));
        var b = new Pose3d(Rotation3d.FromRpy(-1, 0.4, 2), new Vector3d(0.3, 0.1, -0.7));
        var identity = a * a.Inverse();
        Assert.That(identity.Position.Length, Is.LessThan(1e-12));
        Assert.That(identity.Rotation.AngleTo(Rotation3d.Identity), Is.LessThan(1e-7));
        var point = new Vector3d(0.2, 0.4, -0.1);
        var composed = (a * b).TransformPoint(point);
        Assert.That(Vector3d.Distance(composed, a.TransformPoint(b.TransformPoint(point))), Is.LessThan(1e-12));
    }
}
