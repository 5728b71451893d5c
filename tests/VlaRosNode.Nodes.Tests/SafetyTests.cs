using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Policy;
using VlaRosNode.Ros2;
using VlaRosNode.Sim.Arm;

namespace VlaRosNode.Nodes.Tests;

/// <summary>The controller's safety rules on the fixture model: what it commands, and every reason it must not.</summary>
public sealed class SafetyTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Test]
    public void FreshObservationCommandsTheActionThroughIk()
    {
        using var h = new ControllerHarness();
        h.Feed(h.Now + -10 * Ms);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Commanded));

        var arm = h.Controller.Commands.Arm;
        Assert.That(arm.JointNames, Is.EqualTo(ControllerHarness.ArmJoints.Append("panda_finger_joint1")));
        Assert.That(arm.Points, Has.Length.EqualTo(1));
        Assert.That((arm.Points[0].TimeFromStart.Sec, arm.Points[0].TimeFromStart.Nanosec), Is.EqualTo((0, 50_000_000u)));
        Assert.That((arm.Header.Stamp.Sec, arm.Header.Stamp.Nanosec), Is.EqualTo((0, 0u)), "stamp 0: start now");

        // The same observation through the policy alone, then the simulator's action convention, must land where
        // the commanded joints put the tool.
        var action = h.Policy.Step(new Observation(ControllerHarness.Images(1), h.Controller.Instruction)).Action;
        Assert.That(h.Controller.Report.Action, Is.EqualTo(action));
        var ready = ControllerHarness.Panda.ReadyPose.ToArray();
        var expected = DeltaAction.Target(ControllerHarness.Panda.Arm.ForwardKinematics(ready).ToPose(), action).ToPose3d();
        var commanded = arm.Points[0].Positions[..7];
        var reached = ControllerHarness.Panda.Arm.ForwardKinematics(commanded);
        Assert.That(h.Controller.Report.VelocityScale, Is.EqualTo(1), "a small fixture action needs no slowing");
        Assert.That((reached.Position - expected.Position).Length, Is.LessThan(2e-4));
        Assert.That(reached.Rotation.AngleTo(expected.Rotation), Is.LessThan(2e-3));
        Assert.That(arm.Points[0].Positions[7], Is.EqualTo(action[6] > 0 ? 0.0 : 0.04), "gripper > 0 closes");

        var report = h.Controller.Report;
        Assert.That(report.Commanded, Is.True);
        Assert.That(report.TargetPasses, Is.GreaterThanOrEqualTo(7), "prefill + one pass per action token");
        Assert.That(report.DecodingMode, Is.Not.Empty);
        Assert.That(report.ObservationAgeS, Is.EqualTo(0.01).Within(1e-9));
    }

    [Test]
    public void StaleObservationIsNotActedOn()
    {
        using var h = new ControllerHarness();
        h.Feed(h.Now + -600 * Ms);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Faulted), "nothing moving: status only");
        Assert.That(h.Controller.Report.Fault, Does.Contain("old"));
        Assert.That(h.Controller.Report.Commanded, Is.False);
    }

    [Test]
    public void StaleObservationAfterCommandingHoldsAtTheMeasuredJoints()
    {
        using var h = new ControllerHarness();
        h.Feed(h.Now);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Commanded));

        // New frames stamped long ago, joints measured just now: hold where the arm is.
        var measured = ControllerHarness.Panda.ReadyPose.ToArray();
        measured[2] += 0.01;
        h.Now += 1000 * Ms;
        h.FeedImages(h.Now + -700 * Ms, seed: 2);
        h.FeedJoints(h.Now + -700 * Ms);
        h.FeedJoints(h.Now, measured);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Held));
        Assert.That(h.Controller.Report.HoldSent, Is.True);
        Assert.That(h.Controller.Commands.Arm.Points[0].Positions[..7], Is.EqualTo(measured));

        // Once held, further faults report without sending holds again.
        h.FeedImages(h.Now + -650 * Ms, seed: 3);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Faulted));
    }

    [Test]
    public void WatchdogHoldsWhenObservationsStop()
    {
        using var h = new ControllerHarness();
        h.Feed(h.Now);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Commanded));
        h.Now += 300 * Ms;
        h.FeedJoints(h.Now); // joint states keep coming, images stopped
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Idle), "within the timeout: wait");
        h.Now += 300 * Ms;
        h.FeedJoints(h.Now);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Held));
        Assert.That(h.Controller.Report.Fault, Does.StartWith("no synchronised observation").And.Contains("no new image"));
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Idle), "reported once");
    }

    [Test]
    public void MissingJointIsAFaultAndNoHoldAtUnknownPositions()
    {
        using var h = new ControllerHarness();
        h.Feed(h.Now);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Commanded));
        var names = ControllerHarness.ArmJoints.Where(n => n != "panda_joint3").Append("other").Append("panda_finger_joint1").Append("panda_finger_joint2").ToArray();
        h.FeedImages(h.Now + 50 * Ms, seed: 2);
        h.FeedJoints(h.Now + 50 * Ms, names: names);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Faulted));
        Assert.That(h.Controller.Report.Fault, Does.Contain("missing joint 'panda_joint3'"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void NonFiniteJointPositionIsAFault(double bad)
    {
        using var h = new ControllerHarness();
        var q = ControllerHarness.Panda.ReadyPose.ToArray();
        q[4] = bad;
        h.FeedImages(h.Now);
        h.FeedJoints(h.Now, q);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Faulted));
        Assert.That(h.Controller.Report.Fault, Does.Contain("panda_joint5"));
    }

    [Test]
    public void NoInstructionNoCommand()
    {
        using var h = new ControllerHarness();
        h.Controller.Instruction = "";
        h.Feed(h.Now);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Faulted));
        Assert.That(h.Controller.Report.Fault, Does.Contain("no instruction"));
    }

    [Test]
    public void PerImageSteppingNeedsNewFramesFromEveryCamera()
    {
        using var h = new ControllerHarness();
        h.Feed(h.Now);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Commanded));
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Idle));
        var later = h.Now + 50 * Ms;
        h.Now = later;
        h.Controller.Observations.SetImage(0, ControllerHarness.Images(2)[0], later, 0);
        h.FeedJoints(later);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Idle), "the wrist camera has no new frame yet");
        h.Controller.Observations.SetImage(1, ControllerHarness.Images(2)[1], later, 0);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Commanded));
        Assert.That(h.Controller.Step(requireNew: false), Is.EqualTo(StepOutcome.Commanded), "rate mode re-steps on the newest set");
    }

    [Test]
    public void UnsynchronisedInputsAreAFault()
    {
        using var h = new ControllerHarness();
        h.FeedImages(h.Now);
        h.Controller.Observations.SetImage(1, ControllerHarness.Images(3)[1], h.Now + -100 * Ms, 0);
        h.FeedJoints(h.Now);
        Assert.That(h.Controller.Step(requireNew: false), Is.EqualTo(StepOutcome.Faulted));
        Assert.That(h.Controller.Report.Fault, Does.Contain("camera stamps spread"));

        using var j = new ControllerHarness();
        j.FeedImages(j.Now + -200 * Ms);
        j.FeedJoints(j.Now); // only a joint state far newer than the frames
        Assert.That(j.Controller.Step(requireNew: false), Is.EqualTo(StepOutcome.Faulted));
        Assert.That(j.Controller.Report.Fault, Does.Contain("no joint state within sync_tolerance"));
    }

    [Test]
    public void JointStateNearestTheFramesIsUsed()
    {
        using var h = new ControllerHarness();
        var early = ControllerHarness.Panda.ReadyPose.ToArray();
        var late = early.Select(v => v + 0.05).ToArray();
        h.FeedJoints(h.Now + -5 * Ms, early);
        h.FeedJoints(h.Now + 40 * Ms, late);
        h.FeedImages(h.Now);
        Assert.That(h.Controller.Observations.TryAssemble(requireNew: true, out _), Is.EqualTo(AssemblyState.Ready));
        Assert.That(h.Controller.Observations.Joints, Is.EqualTo(early));
    }

    [Test]
    public void ImageThatFailedToDecodeIsAFaultUntilAGoodOneArrives()
    {
        using var h = new ControllerHarness();
        h.Feed(h.Now);
        h.Controller.Observations.SetImageFault(1, "image on '/wrist': encoding 'yuv422' is not supported", h.Now);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Faulted));
        Assert.That(h.Controller.Report.Fault, Does.Contain("yuv422"));
        h.Feed(h.Now + 10 * Ms, seed: 4);
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Commanded));
    }

    [Test]
    public void ObservationThatAgesDuringInferenceIsNotCommanded()
    {
        // A clock that jumps 0.5 s each time it is read: fresh before inference, too old after it.
        var t = RosTime.FromParts(100, 0);
        using var h = new ControllerHarness(clock: () => t = t + TimeSpan.FromMilliseconds(500));
        h.Feed(RosTime.FromParts(100, 450_000_000));
        Assert.That(h.Controller.Step(requireNew: true), Is.EqualTo(StepOutcome.Faulted));
        Assert.That(h.Controller.Report.Fault, Does.Contain("during inference"));
    }
}
