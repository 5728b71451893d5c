using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Motion;
using VlaRosNode.Kinematics.Robots;

namespace VlaRosNode.Kinematics.Tests;

public class TwistTests
{
    private static readonly ShippedRobot Panda = ShippedRobot.Panda();

    /// <summary>A smooth joint trajectory q(t) = ready + a sin(w t) with its exact derivative.</summary>
    private static (double[] Q, double[] Qdot) Trajectory(double t)
    {
        var q = Panda.ReadyPose.ToArray();
        var qdot = new double[q.Length];
        for (var j = 0; j < q.Length; j++)
        {
            var (a, w) = (0.2 + 0.05 * j, 1 + 0.3 * j);
            q[j] += a * Math.Sin(w * t);
            qdot[j] = a * w * Math.Cos(w * t);
        }
        return (q, qdot);
    }

    /// <summary>Reference twist: differentiate the tool pose itself, symmetric in time.</summary>
    private static Twist PoseDerivative(double t, double h = 1e-6)
    {
        var before = Panda.Arm.ForwardKinematics(Trajectory(t - h).Q);
        var after = Panda.Arm.ForwardKinematics(Trajectory(t + h).Q);
        return new Twist((after.Position - before.Position) / (2 * h),
            (after.Rotation * before.Rotation.Transposed()).ToRotationVector() / (2 * h));
    }

    [Test]
    public void ReportedVelocitiesGiveTheToolPoseDerivative()
    {
        var estimator = new EndEffectorTwistEstimator(Panda.Arm);
        var names = Panda.Arm.Variables.Names;
        foreach (var t in new[] { 0.0, 0.37, 1.2 })
        {
            var (q, qdot) = Trajectory(t);
            Assert.That(estimator.TryUpdate(names, q, qdot, t, out var twist), Is.True);
            Assert.That(estimator.LastUsedFiniteDifferences, Is.False);
            var expected = PoseDerivative(t);
            Assert.That((twist.Linear - expected.Linear).Length, Is.LessThan(1e-6));
            Assert.That((twist.Angular - expected.Angular).Length, Is.LessThan(1e-6));
        }
    }

    [Test]
    public void MissingVelocitiesAreEstimatedFromPositionsInAnyNameOrder()
    {
        // Message order differs from the chain's, with the gripper joint mixed in, as drivers publish it.
        var chainNames = Panda.Arm.Variables.Names;
        string[] names = ["panda_finger_joint1", .. chainNames.Reverse()];
        double[] Message(double[] q) => [0.02, .. q.Reverse()];

        double Error(double dt)
        {
            var estimator = new EndEffectorTwistEstimator(Panda.Arm);
            Assert.That(estimator.TryUpdate(names, Message(Trajectory(0.5 - dt).Q), [], 0.5 - dt, out _), Is.False, "no reference yet");
            Assert.That(estimator.TryUpdate(names, Message(Trajectory(0.5).Q), [], 0.5, out var twist), Is.True);
            Assert.That(estimator.LastUsedFiniteDifferences, Is.True);
            Assert.That(twist.Linear.Length, Is.GreaterThan(0.05), "the arm is moving");
            var exact = PoseDerivative(0.5);
            return (twist.Linear - exact.Linear).Length + (twist.Angular - exact.Angular).Length;
        }

        // A backward difference is first-order accurate: the error shrinks in proportion to the step.
        var coarse = Error(1e-2);
        var fine = Error(1e-3);
        Assert.That(coarse, Is.LessThan(0.05)); // joint rates reach 1.4 rad/s here
        Assert.That(fine, Is.LessThan(coarse / 5).And.LessThan(5e-3));
    }

    [Test]
    public void NonFiniteVelocitiesFallBackToPositionsAndRepeatedStampsAreSkipped()
    {
        var names = Panda.Arm.Variables.Names;
        var estimator = new EndEffectorTwistEstimator(Panda.Arm);
        var nan = Enumerable.Repeat(double.NaN, names.Count).ToArray();
        Assert.That(estimator.TryUpdate(names, Trajectory(0).Q, nan, 0, out _), Is.False);
        Assert.That(estimator.TryUpdate(names, Trajectory(0.01).Q, nan, 0, out _), Is.False, "same stamp: no difference");
        Assert.That(estimator.TryUpdate(names, Trajectory(0.01).Q, nan, 0.01, out var twist), Is.True);
        Assert.That(estimator.LastUsedFiniteDifferences, Is.True);
        Assert.That(twist.Linear.Length, Is.GreaterThan(0));
    }

    [Test]
    public void MissingChainJointIsAClearError()
    {
        var estimator = new EndEffectorTwistEstimator(Panda.Arm);
        var error = Assert.Throws<ArgumentException>(() =>
            estimator.TryUpdate(["panda_joint1"], [0.0], [], 0, out _))!;
        Assert.That(error.Message, Does.Contain("no joint 'panda_joint2'"));
    }
}
