using System.Numerics;
using VlaRosNode.Sim.Geometry;
using VlaRosNode.Sim.Scene;
using static VlaRosNode.Sim.Tests.SceneBuilder;

namespace VlaRosNode.Sim.Tests;

public class GraspModelTests
{
    private TabletopScene _scene = null!;

    [SetUp]
    public void NewScene() => _scene = new TabletopScene();

    private SceneObject Put(ObjectKind kind, float x, float y, float yaw = 0) =>
        _scene.Add(kind, ObjectColor.Red, Pose.FromYaw(new Vector3(x, y, 0), yaw));

    [Test]
    public void ClosingOnACubeHoldsItAndItMovesWithTheTool()
    {
        var cube = Put(ObjectKind.Cube, 0.5f, 0.1f);
        var tcp = GraspPose(cube);
        Close(_scene, tcp);
        Assert.That(_scene.Gripper.HeldId, Is.EqualTo(cube.Id));
        Assert.That(_scene.Gripper.Width, Is.EqualTo(ObjectCatalog.CubeSide).Within(1e-6), "fingers stop on the cube's faces");
        Assert.That(cube.State, Is.EqualTo(ObjectState.Held));

        var lifted = tcp with { Position = tcp.Position + new Vector3(0.1f, -0.05f, 0.2f) };
        GraspModel.Step(_scene, lifted, 0.05f);
        Assert.That(Vector3.Distance(cube.Pose.Position, new Vector3(0.6f, 0.05f, 0.2f)), Is.LessThan(1e-5f));
    }

    [Test]
    public void AnObjectBesideTheFingersIsNotGrasped()
    {
        var cube = Put(ObjectKind.Cube, 0.5f, 0.1f);
        Close(_scene, GraspPose(cube) with { Position = new Vector3(0.5f, 0.1f + 0.05f, 0.025f) });
        Assert.That(_scene.Gripper.HeldId, Is.Null);
        Assert.That(_scene.Gripper.Width, Is.Zero, "nothing stopped the fingers");
    }

    [Test]
    public void FingersAboveTheObjectDoNotGraspIt()
    {
        var cylinder = Put(ObjectKind.Cylinder, 0.5f, 0f);
        Close(_scene, GraspPose(cylinder, depth: -0.005f));
        Assert.That(_scene.Gripper.HeldId, Is.Null);
    }

    [Test]
    public void FingersClosedBeforeReachingTheObjectCannotGraspIt()
    {
        var cube = Put(ObjectKind.Cube, 0.5f, 0f);
        var above = GraspPose(cube) with { Position = new Vector3(0.5f, 0f, 0.2f) };
        Close(_scene, above);
        GraspModel.Step(_scene, GraspPose(cube), 0.05f);
        Assert.That(_scene.Gripper.HeldId, Is.Null);
    }

    [Test]
    public void ATurnedCubeIsSquaredUpBetweenThePads()
    {
        var cube = Put(ObjectKind.Cube, 0.5f, 0f, yaw: 0.5f);
        Close(_scene, GraspPose(cube));
        Assert.That(_scene.Gripper.HeldId, Is.EqualTo(cube.Id));
        var relative = MathF.IEEERemainder(cube.Yaw, MathF.PI / 2);
        Assert.That(relative, Is.EqualTo(0).Within(1e-4), "a face lies on each pad");
    }

    [Test]
    public void ReleasedOverAPlateItLandsOnThePlate()
    {
        var plate = Put(ObjectKind.Plate, 0.4f, -0.1f);
        var cube = Put(ObjectKind.Cube, 0.6f, 0.1f);
        Close(_scene, GraspPose(cube));
        var over = ToolDown(new Vector3(0.41f, -0.1f, 0.15f));
        GraspModel.Step(_scene, over, 0.05f);
        Release(_scene, over);
        Assert.That(_scene.Gripper.HeldId, Is.Null);
        Assert.That(cube.State, Is.EqualTo(ObjectState.Resting));
        Assert.That(cube.SupportId, Is.EqualTo(plate.Id));
        Assert.That(cube.Pose.Position.Z, Is.EqualTo(ObjectCatalog.PlateHeight).Within(1e-6));
        Assert.That(MathF.Abs(Vector3.Transform(Vector3.UnitZ, cube.Pose.Rotation).Z - 1), Is.LessThan(1e-5f), "lands upright");
    }

    [Test]
    public void DroppedOnABowlsWallItSlidesOntoTheFloor()
    {
        var bowl = Put(ObjectKind.Bowl, 0.5f, 0f);
        var cylinder = Put(ObjectKind.Cylinder, 0.5f, 0.25f);
        Close(_scene, GraspPose(cylinder));
        var overRim = ToolDown(new Vector3(0.5f, 0.07f, 0.2f));
        GraspModel.Step(_scene, overRim, 0.05f);
        Release(_scene, overRim);
        Assert.That(cylinder.SupportId, Is.EqualTo(bowl.Id));
        Assert.That(cylinder.Pose.Position.Z, Is.EqualTo(ObjectCatalog.BowlFloor).Within(1e-6));
        var offset = new Vector2(cylinder.Pose.Position.X - 0.5f, cylinder.Pose.Position.Y);
        Assert.That(offset.Length(), Is.LessThanOrEqualTo(ObjectCatalog.BowlBottomRadius));
    }

    [Test]
    public void ReleasedOverTheTableItFallsToTheTable()
    {
        var cube = Put(ObjectKind.Cube, 0.5f, 0f);
        Close(_scene, GraspPose(cube));
        var high = ToolDown(new Vector3(0.45f, 0.2f, 0.3f));
        GraspModel.Step(_scene, high, 0.05f);
        _scene.Gripper.Closing = false;
        GraspModel.Step(_scene, high, 0.05f);
        GraspModel.Step(_scene, high, 0.05f);
        Assert.That(cube.State, Is.EqualTo(ObjectState.Falling), "it takes time to fall 0.25 m");
        Release(_scene, high);
        Assert.That(cube.SupportId, Is.EqualTo(SceneObject.Table));
        Assert.That(cube.Pose.Position.Z, Is.Zero);
    }

    [Test]
    public void StackedCubesRestOnEachOtherAndFallWhenTheLowerOneIsTaken()
    {
        var bottom = Put(ObjectKind.Cube, 0.5f, 0f);
        var top = Put(ObjectKind.Cube, 0.5f, 0.2f);
        Close(_scene, GraspPose(top));
        var over = ToolDown(new Vector3(0.505f, 0f, 0.12f));
        GraspModel.Step(_scene, over, 0.05f);
        Release(_scene, over);
        Assert.That(top.SupportId, Is.EqualTo(bottom.Id));
        Assert.That(top.Pose.Position.Z, Is.EqualTo(ObjectCatalog.CubeSide).Within(1e-6));
        Assert.That(Supports.RestsOn(_scene.Objects, top, SceneObject.Table), Is.True, "through the lower cube");

        // Grasp the lower cube from the side of the stack: the upper one loses its support.
        var side = ToolDown(new Vector3(0.5f, 0f, 0.025f));
        Close(_scene, side);
        Assert.That(_scene.Gripper.HeldId, Is.EqualTo(bottom.Id));
        GraspModel.Step(_scene, side with { Position = new Vector3(0.5f, -0.2f, 0.2f) }, 0.05f);
        for (var i = 0; i < 20; i++)
            GraspModel.Step(_scene, side with { Position = new Vector3(0.5f, -0.2f, 0.2f) }, 0.05f);
        Assert.That(top.SupportId, Is.EqualTo(SceneObject.Table));
        Assert.That(top.Pose.Position.Z, Is.Zero);
    }

    [Test]
    public void BowlsAndPlatesCannotBeGrasped()
    {
        var plate = Put(ObjectKind.Plate, 0.5f, 0f);
        Close(_scene, ToolDown(new Vector3(0.5f, 0f, 0.008f)));
        Assert.That(_scene.Gripper.HeldId, Is.Null);
        Assert.That(plate.State, Is.EqualTo(ObjectState.Resting));
    }
}
