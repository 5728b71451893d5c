using VlaRosNode.Kinematics.Features;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Ik;
using VlaRosNode.Kinematics.Motion;
using VlaRosNode.Kinematics.Robots;

namespace VlaRosNode.Kinematics.Tests;

public class KinematicsTrackerTests
{
    private const double Radius = 0.05, Rate = 0.8, Dt = 0.05; // 5 cm circle at 0.8 rad/s, 20 Hz joint states

    /// <summary>Joint states of the Panda tracing a horizontal circle with its tool, made by IK.</summary>
    private static List<double[]> CircleJointStates(ShippedRobot robot, int count)
    {
        var solver = new DampedLeastSquaresIk(robot.Arm, new IkOptions { PositionTolerance = 1e-8, OrientationTolerance = 1e-7 });
        var q = robot.ReadyPose.ToArray();
        var start = robot.Arm.ForwardKinematics(q);
        var centre = start.Position - new Vector3d(Radius, 0, 0);
        var states = new List<double[]>();
        for (var i = 0; i < count; i++)
        {
            var angle = Rate * Dt * i;
            var target = new Pose3d(start.Rotation, centre + new Vector3d(Radius * Math.Cos(angle), Radius * Math.Sin(angle), 0));
            Assert.That(solver.Solve(target, q).Converged, Is.True, $"IK at sample {i}");
            states.Add((double[])q.Clone());
        }
        return states;
    }

    [Test]
    public void JointStatesWithoutVelocitiesRecoverTheCircleTheToolTraced()
    {
        var robot = ShippedRobot.Panda();
        var tracker = new KinematicsTracker(robot.Arm, historyCapacity: 16);
        var names = robot.Arm.Variables.Names;
        var states = CircleJointStates(robot, 20);
        for (var i = 0; i < states.Count; i++)
            Assert.That(tracker.Update(names, states[i], [], i * Dt), Is.True);

        Assert.That(tracker.History.Count, Is.EqualTo(16));
        Assert.That(tracker.ToolPose.Position, Is.EqualTo(robot.Arm.ForwardKinematics(states[^1]).Position));
        Assert.That(KinematicFeatures.CurvatureRadius(tracker.History, 15), Is.EqualTo(Radius).Within(1e-5));
        Assert.That(KinematicFeatures.Speed(tracker.History, 10), Is.EqualTo(Radius * Rate).Within(1e-3));
        // Tool speed from the finite-difference twist: chord over dt, close to r w.
        Assert.That(tracker.HasTwist, Is.True);
        Assert.That(tracker.Twist.Linear.Length, Is.EqualTo(Radius * Rate).Within(2e-3));
        Assert.That(tracker.Twist.Angular.Length, Is.LessThan(1e-3), "the tool keeps its orientation");
    }

    [Test]
    public void RepeatedStampIsDroppedAndResetStartsAFreshEpisode()
    {
        var robot = ShippedRobot.Ur5e();
        var tracker = new KinematicsTracker(robot.Arm);
        var names = robot.Arm.Variables.Names;
        var q = robot.ReadyPose.ToArray();
        Assert.That(tracker.Update(names, q, [], 1.0), Is.True);
        Assert.That(tracker.HasTwist, Is.False, "one state without velocities gives no twist");
        Assert.That(tracker.Update(names, q, [], 1.0), Is.False, "repeated stamp");
        q[0] += 0.01;
        Assert.That(tracker.Update(names, q, [], 1.1), Is.True);
        Assert.That(tracker.Twist.Angular.Z, Is.EqualTo(0.1).Within(1e-9), "joint 1 turns the whole arm about base z at 0.1 rad/s");

        tracker.Reset();
        Assert.That(tracker.History.Count, Is.Zero);
        Assert.That(tracker.HasTwist, Is.False);
        Assert.That(tracker.Update(names, q, [], 0.0), Is.True, "an earlier stamp is fine after a reset");
        Assert.That(tracker.HasTwist, Is.False, "no difference across episodes");
    }
}
