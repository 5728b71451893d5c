using System.Numerics;
using VlaRosNode.Sim.Geometry;
using VlaRosNode.Sim.Render;

namespace VlaRosNode.Sim.Tests;

public class CameraTests
{
    [Test]
    public void ProjectionMatchesThePinholeModelOfCameraInfo()
    {
        // u = fx X/Z + cx, v = fy Y/Z + cy in the optical frame (x right, y down, z forward).
        var camera = Camera.LookAt(new Vector3(1, 2, 3), new Vector3(0.2f, 0.1f, 0.3f), 50, 160, 120);
        var viewProjection = camera.ViewProjection();
        var optical = new Vector3(0.1f, -0.05f, 0.8f);
        var world = camera.OpticalPose.TransformPoint(optical);
        var clip = Vector4.Transform(world, viewProjection);
        var u = (clip.X / clip.W + 1) / 2 * camera.Width;
        var v = (1 - clip.Y / clip.W) / 2 * camera.Height;
        Assert.That(u, Is.EqualTo(camera.FocalPixels * optical.X / optical.Z + camera.Width / 2f).Within(1e-3));
        Assert.That(v, Is.EqualTo(camera.FocalPixels * optical.Y / optical.Z + camera.Height / 2f).Within(1e-3));
        Assert.That(clip.W, Is.EqualTo(optical.Z).Within(1e-5), "clip w is the depth along the optical axis");
    }

    [Test]
    public void LookAtPutsTheTargetInTheMiddleWithTheWorldUpwardsUp()
    {
        var camera = Camera.LookAt(new Vector3(1.2f, 0.3f, 0.6f), new Vector3(0.4f, 0, 0.1f), 45, 128, 128);
        var inverse = camera.OpticalPose.Inverse();
        var target = inverse.TransformPoint(new Vector3(0.4f, 0, 0.1f));
        Assert.That(target.X, Is.EqualTo(0).Within(1e-5));
        Assert.That(target.Y, Is.EqualTo(0).Within(1e-5));
        Assert.That(target.Z, Is.GreaterThan(0));
        var up = inverse.TransformDirection(Vector3.UnitZ);
        Assert.That(up.Y, Is.LessThan(0), "world up is image up (optical -y)");
    }

    [Test]
    public void PosesComposeAndInvert()
    {
        var a = new Pose(new Vector3(1, 2, 3), Quaternion.CreateFromYawPitchRoll(0.3f, -0.2f, 0.7f));
        var b = new Pose(new Vector3(-0.5f, 0.1f, 0.2f), Quaternion.CreateFromYawPitchRoll(-1f, 0.4f, 0.1f));
        var p = new Vector3(0.3f, -0.7f, 1.1f);
        Assert.That(Vector3.Distance(a.Compose(b).TransformPoint(p), a.TransformPoint(b.TransformPoint(p))), Is.LessThan(1e-5f));
        Assert.That(Vector3.Distance(a.Inverse().TransformPoint(a.TransformPoint(p)), p), Is.LessThan(1e-5f));
    }
}
