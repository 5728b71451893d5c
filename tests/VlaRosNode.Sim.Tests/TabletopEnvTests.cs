using System.Numerics;
using VlaRosNode.Sim.Arm;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Sim.Tests;

public class TabletopEnvTests
{
    private static TabletopEnv Fresh(int seed = 3)
    {
        var env = new TabletopEnv();
        env.Reset(TaskCatalog.All[0], seed);
        return env;
    }

    [Test]
    public void AZeroActionHoldsTheArmStill()
    {
        var env = Fresh();
        var before = env.Arm.Positions.ToArray();
        for (var i = 0; i < 10; i++)
            env.Step(new float[7]);
        Assert.That(env.Arm.Positions.ToArray(), Is.EqualTo(before).Within(1e-4));
    }

    [Test]
    public void TranslationActionsMoveTheToolInAStraightLineThroughIk()
    {
        var env = Fresh();
        var start = env.Arm.Tcp;
        for (var i = 0; i < 10; i++)
            env.Step([1, 0, -0.5f, 0, 0, 0, -1]);
        var moved = env.Arm.Tcp.Position - start.Position;
        Assert.That(moved.X, Is.EqualTo(10 * DeltaAction.PositionScale).Within(0.005));
        Assert.That(moved.Y, Is.EqualTo(0).Within(0.003));
        Assert.That(moved.Z, Is.EqualTo(-5 * DeltaAction.PositionScale).Within(0.005));
        Assert.That(Quaternion.Dot(env.Arm.Tcp.Rotation, start.Rotation), Is.GreaterThan(0.999f), "orientation held");
    }

    [Test]
    public void JointsNeverExceedTheirVelocityOrPositionLimits()
    {
        var env = Fresh();
        var joints = env.Arm.Joints;
        var previous = env.Arm.Positions.ToArray();
        var random = new Random(1);
        for (var i = 0; i < 300; i++)
        {
            // Saturated random actions, held for a while: the IK asks for more than the joints may do.
            var action = Enumerable.Range(0, 7).Select(_ => random.Next(2) == 0 ? -1f : 1f).ToArray();
            for (var k = 0; k < 5; k++, i++)
            {
                env.Step(action);
                var q = env.Arm.Positions;
                for (var j = 0; j < q.Length; j++)
                {
                    Assert.That(q[j], Is.InRange(joints.Lower[j], joints.Upper[j]), $"joint {j} position");
                    Assert.That(Math.Abs(q[j] - previous[j]), Is.LessThanOrEqualTo(joints.VelocityLimits[j] * DeltaAction.ControlPeriod + 1e-9), $"joint {j} speed");
                    Assert.That(env.Arm.Velocities[j], Is.EqualTo((q[j] - previous[j]) / DeltaAction.ControlPeriod).Within(1e-9));
                }
                q.CopyTo(previous);
            }
        }
        Assert.That(env.Arm.Tcp.Position.Z, Is.GreaterThanOrEqualTo(DeltaAction.WorkspaceMin.Z - 0.01f));
    }

    [Test]
    public void TheSameSeedAndActionsGiveTheSameImagesAndJoints()
    {
        static (byte[] Agent, byte[] Wrist, double[] Q) Run()
        {
            var env = Fresh(seed: 11);
            var expert = new ScriptedExpert(ExpertOptions.Demonstration(4));
            expert.Reset(env, 4);
            var (label, executed) = (new float[7], new float[7]);
            for (var i = 0; i < 40; i++)
            {
                expert.Act(env, label, executed);
                env.Step(executed);
            }
            env.Render();
            return (env.AgentImage.Pixels.ToArray(), env.WristImage.Pixels.ToArray(), env.Arm.Positions.ToArray());
        }
        var first = Run();
        var second = Run();
        Assert.That(second.Q, Is.EqualTo(first.Q));
        Assert.That(second.Agent, Is.EqualTo(first.Agent));
        Assert.That(second.Wrist, Is.EqualTo(first.Wrist));
    }

    [Test]
    public void RenderingShowsTheObjectsColoursInTheAgentView()
    {
        var env = Fresh();
        env.Render();
        // Task 0 has two red cubes, a white plate and a purple bowl: all must be visible as such.
        var pixels = env.AgentImage.Pixels;
        int red = 0, purple = 0, white = 0;
        for (var i = 0; i < pixels.Length; i += 3)
        {
            var (r, g, b) = (pixels[i], pixels[i + 1], pixels[i + 2]);
            red += r > 120 && g < 60 && b < 60 ? 1 : 0;
            purple += r > 80 && b > 100 && g < 70 ? 1 : 0;
            white += r > 180 && g > 180 && b > 180 ? 1 : 0;
        }
        Assert.That(red, Is.GreaterThan(20), "two red cubes");
        Assert.That(purple, Is.GreaterThan(60), "the bowl");
        Assert.That(white, Is.GreaterThan(60), "the plate and the arm");
    }

    [Test]
    public void SteppingAndRenderingAllocateNothing()
    {
        var env = Fresh();
        var expert = new ScriptedExpert();
        expert.Reset(env, 0);
        var (label, executed) = (new float[7], new float[7]);
        void Steps(int n)
        {
            for (var i = 0; i < n; i++)
            {
                expert.Act(env, label, executed);
                env.Step(executed);
                env.Render();
            }
        }
        Steps(5); // JIT and lazy initialisation
        var before = GC.GetAllocatedBytesForCurrentThread();
        Steps(40);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void BadOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TabletopEnv(new SimOptions { ImageWidth = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new TabletopEnv(new SimOptions { MaxStepsPerGoal = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ScriptedExpert(new ExpertOptions { ActionNoise = -1 }));
    }
}
