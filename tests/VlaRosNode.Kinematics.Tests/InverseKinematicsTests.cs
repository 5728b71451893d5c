using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Ik;
using VlaRosNode.Kinematics.Robots;
using static VlaRosNode.Kinematics.Tests.Support.Configurations;

namespace VlaRosNode.Kinematics.Tests;

public class InverseKinematicsTests
{
    private static IEnumerable<TestCaseData> Robots()
    {
        yield return new TestCaseData(ShippedRobot.Panda()).SetArgDisplayNames("panda");
        yield return new TestCaseData(ShippedRobot.Ur5e()).SetArgDisplayNames("ur5e");
    }

    [TestCaseSource(nameof(Robots))]
    public void RandomReachablePosesAreSolvedFromTheReadyPoseWithinLimits(ShippedRobot robot)
    {
        var chain = robot.Arm;
        var solver = new DampedLeastSquaresIk(chain, new IkOptions { RandomRestarts = 8 });
        var random = new Random(21);
        const int trials = 100;
        var converged = 0;
        var attempts = 0;
        var iterations = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var truth = Sample(chain.Variables, random);
            var target = chain.ForwardKinematics(truth);
            var q = robot.ReadyPose.ToArray();
            var result = solver.Solve(target, q);
            attempts += result.Attempts;
            iterations += result.Iterations;

            Assert.That(chain.Variables.AreWithinLimits(q), Is.True, $"trial {trial}: solution outside the limits");
            var reached = chain.ForwardKinematics(q);
            var (dp, dr) = DampedLeastSquaresIk.PoseError(target, reached);
            Assert.That(dp.Length, Is.EqualTo(result.PositionError).Within(1e-12), "reported position error");
            Assert.That(dr.Length, Is.EqualTo(result.OrientationError).Within(1e-12), "reported orientation error");
            if (!result.Converged)
                continue;
            converged++;
            Assert.That(dp.Length, Is.LessThanOrEqualTo(solver.Options.PositionTolerance));
            Assert.That(dr.Length, Is.LessThanOrEqualTo(solver.Options.OrientationTolerance));
        }
        TestContext.Out.WriteLine($"{robot.Model.Name}: {converged}/{trials} converged, {attempts} attempts, {iterations / (double)trials:F1} iterations per pose");
        Assert.That(converged, Is.GreaterThanOrEqualTo(trials * 95 / 100), "share of random reachable poses solved");
    }

    [Test]
    public void SmallStepsFromTheCurrentPoseConvergeInFewIterations()
    {
        // The control-loop case: the next target is a few millimetres from the current tool pose.
        var robot = ShippedRobot.Panda();
        var solver = new DampedLeastSquaresIk(robot.Arm);
        var q = robot.ReadyPose.ToArray();
        var pose = robot.Arm.ForwardKinematics(q);
        for (var step = 0; step < 100; step++)
        {
            var target = new Pose3d(pose.Rotation * Rotation3d.FromAxisAngle(Vector3d.UnitZ, 0.01),
                pose.Position + new Vector3d(0.002, 0.001 * Math.Sin(step * 0.1), -0.001));
            var result = solver.Solve(target, q);
            Assert.That(result.Converged, Is.True, $"step {step}: {result}");
            Assert.That(result.Iterations, Is.LessThanOrEqualTo(20), $"step {step}");
            pose = target;
        }
    }

    [Test]
    public void UnreachableTargetReportsNoConvergenceAndStaysWithinLimits()
    {
        var robot = ShippedRobot.Ur5e();
        var solver = new DampedLeastSquaresIk(robot.Arm);
        var q = robot.ReadyPose.ToArray();
        var result = solver.Solve(Pose3d.Translation(new Vector3d(3, 0, 0.5)), q);
        Assert.That(result.Converged, Is.False);
        Assert.That(result.PositionError, Is.GreaterThan(1.5)); // reach is ~1 m
        Assert.That(robot.Arm.Variables.AreWithinLimits(q), Is.True);
    }

    [Test]
    public void PositionOnlyIgnoresOrientationAndZeroWeightsAreHonoured()
    {
        var robot = ShippedRobot.Panda();
        var solver = new DampedLeastSquaresIk(robot.Arm, new IkOptions { OrientationWeight = 0 });
        var q = robot.ReadyPose.ToArray();
        var start = robot.Arm.ForwardKinematics(q);
        var target = new Pose3d(Rotation3d.FromRpy(1, 0.5, 2), start.Position + new Vector3d(0.1, -0.1, 0.05));
        var result = solver.Solve(target, q);
        Assert.That(result.Converged, Is.True);
        Assert.That(result.PositionError, Is.LessThanOrEqualTo(1e-5));
        Assert.That(result.OrientationError, Is.GreaterThan(0.1), "orientation was not asked for, so it stays far from the target's");
    }

    [Test]
    public void PoseWhoseOnlyInLimitSolutionHasAJointOnItsLimitIsFound()
    {
        // Planar 3R arm with 1 m links and a full planar pose target: two solutions (elbow up / down).
        // Made from q = (0.1, 0.9, 0.5) with joint 1 limited to [-0.1, 0.1], the mirror solution is out of
        // limits (joint 1 near 1.0 rad), so the solver must end with joint 1 exactly on its bound.
        const string urdf = """
            <robot name="planar">
              <link name="l0"/><link name="l1"/><link name="l2"/><link name="l3"/><link name="tip"/>
              <joint name="q1" type="revolute"><parent link="l0"/><child link="l1"/><axis xyz="0 0 1"/>
                <limit lower="-0.1" upper="0.1" velocity="1" effort="1"/></joint>
              <joint name="q2" type="revolute"><parent link="l1"/><child link="l2"/><origin xyz="1 0 0"/><axis xyz="0 0 1"/>
                <limit lower="-3" upper="3" velocity="1" effort="1"/></joint>
              <joint name="q3" type="revolute"><parent link="l2"/><child link="l3"/><origin xyz="1 0 0"/><axis xyz="0 0 1"/>
                <limit lower="-3" upper="3" velocity="1" effort="1"/></joint>
              <joint name="tool" type="fixed"><parent link="l3"/><child link="tip"/><origin xyz="1 0 0"/></joint>
            </robot>
            """;
        var chain = Chains.KinematicChain.Create(Urdf.UrdfParser.Parse(urdf, "planar.urdf"), "l0", "tip");
        double[] truth = [0.1, 0.9, 0.5];
        var target = chain.ForwardKinematics(truth);
        var solver = new DampedLeastSquaresIk(chain, new IkOptions { OrientationWeight = 1 });
        double[][] seeds = [[0, 0, 0], [-0.1, 2, -1], [0.1, 0.2, 1.5]];
        foreach (var seed in seeds)
        {
            var q = (double[])seed.Clone();
            var result = solver.Solve(target, q);
            Assert.That(result.Converged, Is.True, $"seed [{string.Join(", ", seed)}]: {result}");
            Assert.That(q, Is.EqualTo(truth).Within(1e-4), $"seed [{string.Join(", ", seed)}]");
            Assert.That(q[0], Is.LessThanOrEqualTo(0.1));
        }
    }
}
