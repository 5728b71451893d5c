using System.Numerics;
using VlaRosNode.Sim.Arm;
using VlaRosNode.Sim.Geometry;

namespace VlaRosNode.Sim.Tests;

public class DeltaActionTests
{
    private static readonly Pose Start = new(new Vector3(0.5f, 0f, 0.3f), Quaternion.CreateFromAxisAngle(Vector3.UnitX, MathF.PI));

    [Test]
    public void ZeroActionAsksForTheCurrentPose()
    {
        var target = DeltaAction.Target(Start, new float[7]);
        Assert.That(target.Position, Is.EqualTo(Start.Position));
        Assert.That(Quaternion.Dot(target.Rotation, Start.Rotation), Is.EqualTo(1).Within(1e-6));
    }

    [Test]
    public void FullScaleTranslationAndRotationUseTheDocumentedScales()
    {
        var target = DeltaAction.Target(Start, [1, -0.5f, 0, 0, 0, 1, 0]);
        Assert.That(target.Position.X - Start.Position.X, Is.EqualTo(DeltaAction.PositionScale).Within(1e-6));
        Assert.That(target.Position.Y - Start.Position.Y, Is.EqualTo(-0.5f * DeltaAction.PositionScale).Within(1e-6));
        var turn = target.Rotation * Quaternion.Conjugate(Start.Rotation);
        Assert.That(2 * MathF.Acos(Math.Clamp(turn.W, -1, 1)), Is.EqualTo(DeltaAction.RotationScale).Within(1e-4));
        Assert.That(turn.Z, Is.GreaterThan(0), "positive dyaw turns about world +z");
    }

    [Test]
    public void ValuesBeyondOneAreClippedAndTheWorkspaceBounds()
    {
        var clipped = DeltaAction.Target(Start, [5, 0, 0, 0, 0, 0, 0]);
        Assert.That(clipped.Position.X - Start.Position.X, Is.EqualTo(DeltaAction.PositionScale).Within(1e-6));
        var low = Start with { Position = new Vector3(0.5f, 0, DeltaAction.WorkspaceMin.Z) };
        Assert.That(DeltaAction.Target(low, [0, 0, -1, 0, 0, 0, 0]).Position.Z, Is.EqualTo(DeltaAction.WorkspaceMin.Z));
    }

    [Test]
    public void GripperSignSelectsCloseOrOpen()
    {
        Assert.That(DeltaAction.ClosesGripper([0, 0, 0, 0, 0, 0, 0.2f]), Is.True);
        Assert.That(DeltaAction.ClosesGripper([0, 0, 0, 0, 0, 0, 0]), Is.False);
        Assert.That(DeltaAction.ClosesGripper([0, 0, 0, 0, 0, 0, -1]), Is.False);
    }

    [Test]
    public void MalformedActionsAreRejectedNamingTheProblem()
    {
        var shortAction = Assert.Throws<ArgumentException>(() => DeltaAction.Target(Start, new float[6]))!;
        Assert.That(shortAction.Message, Does.Contain("7 values").And.Contain("got 6"));
        var nan = Assert.Throws<ArgumentException>(() => DeltaAction.Target(Start, [0, 0, float.NaN, 0, 0, 0, 0]))!;
        Assert.That(nan.Message, Does.Contain("action[2]"));
    }
}
