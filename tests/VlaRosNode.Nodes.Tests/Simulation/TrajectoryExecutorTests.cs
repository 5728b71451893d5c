using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.StdMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Nodes.Simulation;

namespace VlaRosNode.Nodes.Tests.Simulation;

public class TrajectoryExecutorTests
{
    private static readonly string[] Arm = ["a", "b"];
    private const long Second = 1_000_000_000;

    private static TrajectoryExecutor Executor() => new(Arm, [-2, -2], [2, 2], "finger", 0.04);

    private static JointTrajectoryPoint Point(double seconds, double[] positions, double[]? velocities = null) => new()
    {
        Positions = positions,
        Velocities = velocities ?? [],
        Accelerations = [],
        Effort = [],
        TimeFromStart = new Duration { Sec = (int)seconds, Nanosec = (uint)Math.Round((seconds - (int)seconds) * 1e9) },
    };

    private static JointTrajectory Trajectory(string[] names, params JointTrajectoryPoint[] points) =>
        new() { Header = new Header { Stamp = new Time() }, JointNames = names, Points = points };

    private static double[] SampleAt(TrajectoryExecutor executor, long t)
    {
        var q = new double[2];
        executor.Sample(t, q, closing: false);
        return q;
    }

    [Test]
    public void InterpolatesLinearlyFromTheCurrentStateThroughThePoints()
    {
        var executor = Executor();
        var reason = executor.Accept(Trajectory(["b", "a"], Point(1, [1, 0.5]), Point(2, [0, 1.5])), 10 * Second, [0, 0], [0, 0], false);
        Assert.That(reason, Is.Null);
        Assert.That(SampleAt(executor, 10 * Second), Is.EqualTo(new[] { 0.0, 0.0 }));
        Assert.That(SampleAt(executor, 10 * Second + Second / 2), Is.EqualTo(new[] { 0.25, 0.5 }).Within(1e-12), "names map to the arm's order");
        Assert.That(SampleAt(executor, 11 * Second + Second / 2), Is.EqualTo(new[] { 1.0, 0.5 }).Within(1e-12));
        Assert.That(SampleAt(executor, 20 * Second), Is.EqualTo(new[] { 1.5, 0.0 }), "holds the last point");
    }

    [Test]
    public void PointsWithVelocitiesFollowCubicSplines()
    {
        var executor = Executor();
        executor.Accept(Trajectory(Arm, Point(1, [0, 0], [0, 0]), Point(2, [1, 1], [0, 0])), 0, [0, 0], [0, 0], false);
        // Hermite with zero end velocities: 3s^2 - 2s^3, i.e. 0.15625 at s = 0.25 (linear would be 0.25).
        Assert.That(SampleAt(executor, Second + Second / 4)[0], Is.EqualTo(0.15625).Within(1e-9));
        Assert.That(SampleAt(executor, Second + Second / 2)[1], Is.EqualTo(0.5).Within(1e-9));
    }

    [Test]
    public void ANewTrajectoryReplacesTheRunningOneFromTheCurrentState()
    {
        var executor = Executor();
        executor.Accept(Trajectory(Arm, Point(2, [1, 1])), 0, [0, 0], [0, 0], false);
        executor.Accept(Trajectory(Arm, Point(1, [-1, -1])), Second, [0.5, 0.5], [0, 0], false);
        Assert.That(SampleAt(executor, Second + Second / 2), Is.EqualTo(new[] { -0.25, -0.25 }).Within(1e-12));
    }

    [Test]
    public void AFutureStampDelaysTheStart()
    {
        var executor = Executor();
        var message = Trajectory(Arm, Point(1, [1, 1]));
        message.Header.Stamp = new Time { Sec = 5 };
        executor.Accept(message, Second, [0, 0], [0, 0], false);
        Assert.That(SampleAt(executor, 3 * Second), Is.EqualTo(new[] { 0.0, 0.0 }));
        Assert.That(SampleAt(executor, 5 * Second + Second / 2), Is.EqualTo(new[] { 0.5, 0.5 }).Within(1e-12));
    }

    [Test]
    public void TheFingerJointCommandsTheGripper()
    {
        var executor = Executor();
        executor.Accept(Trajectory(["a", "b", "finger"], Point(0.5, [0, 0, 0.0])), 0, [0, 0], [0, 0], false);
        Assert.That(executor.Sample(Second, new double[2], closing: false), Is.True);
        executor.Accept(Trajectory(Arm, Point(0.5, [0, 0])), 0, [0, 0], [0, 0], false);
        Assert.That(executor.Sample(Second, new double[2], closing: true), Is.True, "no finger joint: the gripper keeps its command");
    }

    private static IEnumerable<TestCaseData> Invalid()
    {
        yield return new TestCaseData(Trajectory([], Point(1, []))).Returns("empty joint_names");
        yield return new TestCaseData(Trajectory(["a", "a"], Point(1, [0, 0]))).Returns("duplicate names in joint_names");
        yield return new TestCaseData(Trajectory(["a", "x"], Point(1, [0, 0]))).Returns("unknown joint 'x' (the arm has a, b and finger)");
        yield return new TestCaseData(Trajectory(["a"], Point(1, [0]))).Returns("joint 'b' is missing (partial goals are not allowed)");
        yield return new TestCaseData(Trajectory(Arm)).Returns("empty trajectory (no points)");
        yield return new TestCaseData(Trajectory(Arm, Point(1, [0]))).Returns("point 0 has 1 positions for 2 joints");
        yield return new TestCaseData(Trajectory(Arm, Point(1, [0, 0], [1]))).Returns("point 0 has 1 velocities for 2 joints");
        yield return new TestCaseData(Trajectory(Arm, Point(1, [0, double.NaN]))).Returns("point 0 has a non-finite value");
        yield return new TestCaseData(Trajectory(Arm, Point(1, [0, 0]), Point(1, [1, 1]))).Returns("time_from_start of point 1 (1000000000 ns) is not strictly increasing");
        yield return new TestCaseData(Trajectory(Arm, Point(1, [0, 3]))).Returns("point 0: b = 3 is outside its limits [-2, 2]");
    }

    [TestCaseSource(nameof(Invalid))]
    public string? InvalidTrajectoriesAreRejectedWithTheReasonAndLeaveTheRunningOne(JointTrajectory message)
    {
        var executor = Executor();
        executor.Accept(Trajectory(Arm, Point(1, [1, 1])), 0, [0, 0], [0, 0], false);
        var reason = executor.Accept(message, 0, [0, 0], [0, 0], false);
        Assert.That(SampleAt(executor, 2 * Second), Is.EqualTo(new[] { 1.0, 1.0 }));
        return reason;
    }

    [Test]
    public void ATrajectoryEndingInThePastIsRejected()
    {
        var message = Trajectory(Arm, Point(1, [1, 1]));
        message.Header.Stamp = new Time { Sec = 2 };
        Assert.That(Executor().Accept(message, 10 * Second, [0, 0], [0, 0], false), Does.StartWith("the trajectory ends in the past"));
    }
}
