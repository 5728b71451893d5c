using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Sim.Arm;

namespace VlaRosNode.Nodes.Tests;

/// <summary>The action convention against the simulator's own implementation (VlaRosNode.Sim.Arm.DeltaAction, single
/// precision, written separately), and the limits the mapper enforces.</summary>
public sealed class ActionMapperTests
{
    private static readonly ShippedRobot Panda = ShippedRobot.Panda();

    private static double[] NearReady(Random random, double spread = 0.3)
    {
        var q = Panda.ReadyPose.ToArray();
        for (var j = 0; j < q.Length; j++)
            q[j] += (random.NextDouble() * 2 - 1) * spread;
        Panda.Arm.Variables.Clamp(q);
        return q;
    }

    private static float[] RandomAction(Random random, float range) =>
        Enumerable.Range(0, 6).Select(_ => (float)(random.NextDouble() * 2 - 1) * range).ToArray();

    [Test]
    public void ToolMovesWhereTheSimulatorWouldMoveIt()
    {
        // A long horizon so velocity limits never bind: the commanded joints must reach the simulator's target pose.
        var mapper = new ActionMapper(Panda.Arm, new ActionMapperOptions { Horizon = 10 });
        var random = new Random(7);
        var target = new double[Panda.Arm.Dof];
        for (var trial = 0; trial < 200; trial++)
        {
            var q = NearReady(random);
            var action = RandomAction(random, 1.5f); // beyond +-1 too: both clip
            var mapped = mapper.Map(action, q, target);
            Assert.That(mapped.Fault, Is.Null, $"trial {trial}");

            var tcp = Panda.Arm.ForwardKinematics(q);
            var expected = DeltaAction.Target(tcp.ToPose(), [.. action, 0f]).ToPose3d();
            var reached = Panda.Arm.ForwardKinematics(target);
            Assert.That((reached.Position - expected.Position).Length, Is.LessThan(1e-4), $"trial {trial}: position");
            Assert.That(reached.Rotation.AngleTo(expected.Rotation), Is.LessThan(1e-3), $"trial {trial}: rotation");
            Assert.That(mapped.VelocityScale, Is.EqualTo(1));
        }
    }

    [Test]
    public void TargetStaysInsideTheWorkspaceBoxLikeTheSimulators()
    {
        var mapper = new ActionMapper(Panda.Arm, new ActionMapperOptions { Horizon = 10, WorkspaceMax = new Vector3d(0.8, 0.45, 0.3) });
        var q = Panda.ReadyPose.ToArray();
        var tcpZ = Panda.Arm.ForwardKinematics(q).Position.Z;
        Assume.That(tcpZ, Is.GreaterThan(0.3), "the ready pose is above the lowered ceiling");
        var target = new double[q.Length];
        Assert.That(mapper.Map([0, 0, 1, 0, 0, 0], q, target).Fault, Is.Null);
        Assert.That(Panda.Arm.ForwardKinematics(target).Position.Z, Is.EqualTo(0.3).Within(1e-4), "clamped to the box's top");
    }

    [Test]
    public void NoJointExceedsItsVelocityLimitOverTheHorizon()
    {
        const double horizon = 0.05;
        var mapper = new ActionMapper(Panda.Arm, new ActionMapperOptions { Horizon = horizon, VelocityScale = 0.5 });
        var unlimited = new ActionMapper(Panda.Arm, new ActionMapperOptions { Horizon = 1000 });
        var limits = Panda.Arm.Variables.VelocityLimits.ToArray();
        var random = new Random(3);
        var (target, free) = (new double[7], new double[7]);
        var slowed = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            var q = NearReady(random);
            var action = RandomAction(random, 1);
            var mapped = mapper.Map(action, q, target);
            Assert.That(mapped.Fault, Is.Null);
            Assert.That(unlimited.Map(action, q, free).Fault, Is.Null);
            for (var j = 0; j < q.Length; j++)
            {
                Assert.That(Math.Abs(target[j] - q[j]), Is.LessThanOrEqualTo(limits[j] * 0.5 * horizon + 1e-12), $"trial {trial}, joint {j}");
                // Slowed uniformly: the same joint-space direction as the unlimited step.
                Assert.That(target[j] - q[j], Is.EqualTo((free[j] - q[j]) * mapped.VelocityScale).Within(1e-9), $"trial {trial}, joint {j} direction");
            }
            if (mapped.VelocityScale < 1)
                slowed++;
        }
        Assert.That(slowed, Is.GreaterThan(10), "the limit was exercised");
    }

    [Test]
    public void TargetsRespectPositionLimits()
    {
        var mapper = new ActionMapper(Panda.Arm, new ActionMapperOptions { Horizon = 10 });
        var variables = Panda.Arm.Variables;
        var random = new Random(11);
        var target = new double[7];
        for (var trial = 0; trial < 300; trial++)
        {
            // Start on a random joint's limit and push in random directions.
            var q = NearReady(random, 1.0);
            var j = random.Next(7);
            q[j] = random.Next(2) == 0 ? variables.Lower[j] : variables.Upper[j];
            if (mapper.Map(RandomAction(random, 1), q, target).Fault is null)
                Assert.That(variables.AreWithinLimits(target), Is.True, $"trial {trial}: {string.Join(", ", target)}");
        }
    }

    [TestCase(float.NaN, 0)]
    [TestCase(float.PositiveInfinity, 3)]
    [TestCase(float.NegativeInfinity, 5)]
    public void NonFiniteActionIsAFaultNamingTheValue(float bad, int index)
    {
        var mapper = new ActionMapper(Panda.Arm, new ActionMapperOptions());
        var action = new float[6];
        action[index] = bad;
        var mapped = mapper.Map(action, Panda.ReadyPose, new double[7]);
        Assert.That(mapped.Fault, Does.Contain($"action[{index}]"));
    }

    [Test]
    public void UnreachableTargetIsAFault()
    {
        var mapper = new ActionMapper(Panda.Arm, new ActionMapperOptions { WorkspaceMin = new Vector3d(2, 2, 2), WorkspaceMax = new Vector3d(3, 3, 3) });
        var mapped = mapper.Map(new float[6], Panda.ReadyPose, new double[7]);
        Assert.That(mapped.Fault, Does.StartWith("IK left"));
    }

    /// <summary>`vla demo --suite goal` held 165 of 196 steps: the model pushed the tool out of the Panda's reach (still
    /// inside the workspace box), IK stopped 9.6 mm short, the node held, the observation stayed the same, and so did
    /// the action and the hold. The simulator's arm (the convention the model learnt) goes as far as it can.</summary>
    [Test]
    public void ActionPastTheArmsReachMovesAsFarAsItCan()
    {
        double[] stretched = [0.599, 1.447, -0.084, -0.465, -0.222, 2.147, 2.748]; // the demo's held configuration
        float[] outward = [0.996f, 0.996f, -0.996f, -0.024f, -0.026f, -0.024f];
        var mapper = new ActionMapper(Panda.Arm, new ActionMapperOptions());
        var target = new double[7];
        var mapped = mapper.Map(outward, stretched, target);
        Assert.That(mapped.Fault, Is.Null);
        Assert.That(mapped.IkPositionError, Is.GreaterThan(new ActionMapperOptions().IkMaxPositionError), "the goal is out of reach");

        var tool = Panda.Arm.ForwardKinematics(stretched).Position;
        var goal = tool + new Vector3d(0.996, 0.996, -0.996) * 0.02;
        var reached = Panda.Arm.ForwardKinematics(target).Position;
        Assert.That((reached - goal).Length, Is.LessThan((tool - goal).Length - 0.005), "the tool moves toward the action's pose");
    }

    [Test]
    public void TwistIsTheToolMotionOverTheHorizon()
    {
        var mapper = new ActionMapper(Panda.Arm, new ActionMapperOptions { Horizon = 2 });
        var target = new double[7];
        var mapped = mapper.Map([0.5f, 0, 0, 0, 0, 0], Panda.ReadyPose, target);
        Assert.That(mapped.Twist.Linear.X, Is.EqualTo(0.5 * 0.02 / 2).Within(1e-5));
        Assert.That(mapped.Twist.Angular.Length, Is.LessThan(1e-4));
    }
}
