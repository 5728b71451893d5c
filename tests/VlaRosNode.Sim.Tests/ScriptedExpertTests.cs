using VlaRosNode.Sim.Arm;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Sim.Tests;

public class ScriptedExpertTests
{
    private const int SeedsPerTask = 20;

    private static IEnumerable<TestCaseData> NoiseLevels()
    {
        yield return new TestCaseData(new ExpertOptions(), 1.0).SetName("clean expert solves every episode");
        yield return new TestCaseData(ExpertOptions.Demonstration(0), 0.98).SetName("demonstration noise: at least 98%");
        yield return new TestCaseData(new ExpertOptions { ActionNoise = 0.2, PerturbationProbability = 0.03 }, 0.9)
            .SetName("heavy noise: at least 90%");
    }

    [TestCaseSource(nameof(NoiseLevels))]
    public void TheExpertSolvesTheTasksOverManySeeds(ExpertOptions options, double minimumRate)
    {
        var env = new TabletopEnv();
        var expert = new ScriptedExpert(options);
        var failures = new List<string>();
        int episodes = 0, successes = 0, regrasps = 0, perturbed = 0;
        foreach (var task in TaskCatalog.All)
            for (var seed = 0; seed < SeedsPerTask; seed++)
            {
                var result = ExpertRollout.Run(env, expert, task, 1000 + seed);
                episodes++;
                regrasps += result.Regrasps;
                perturbed += result.PerturbedSteps;
                if (result.Success)
                    successes++;
                else
                    failures.Add($"{task.Name} seed {1000 + seed}");
            }
        var rate = (double)successes / episodes;
        TestContext.Out.WriteLine($"success {successes}/{episodes} = {rate:P1}; regrasps {regrasps}; perturbed steps {perturbed}; failed: {string.Join(", ", failures)}");
        Assert.That(rate, Is.GreaterThanOrEqualTo(minimumRate));
        if (options.PerturbationProbability > 0)
            Assert.That(perturbed, Is.GreaterThan(0), "noisy demonstrations must contain pushes to recover from");
    }

    [Test]
    public void ExecutedMotionIsSmoothAndLabelsAreInRange()
    {
        var env = new TabletopEnv();
        var options = new ExpertOptions { Seed = 0 }; // no noise: the executed action is the smoothed label
        var expert = new ScriptedExpert(options);
        float[]? previous = null;
        var gripperSwitches = 0;
        ExpertRollout.Run(env, expert, TaskCatalog.All.First(t => t.Suite == TaskSuite.Long), 5, (_, label, executed) =>
        {
            for (var i = 0; i < DeltaAction.Dimensions; i++)
            {
                Assert.That(label[i], Is.InRange(-1f, 1f));
                Assert.That(executed[i], Is.InRange(-1f, 1f));
            }
            if (previous is not null)
            {
                for (var i = 0; i < 6; i++)
                    Assert.That(Math.Abs(executed[i] - previous[i]), Is.LessThanOrEqualTo(options.MaxActionChange + 1e-6));
                gripperSwitches += executed[6] != previous[6] ? 1 : 0;
            }
            previous = executed.ToArray();
        });
        Assert.That(gripperSwitches, Is.EqualTo(4), "close and open once per pick-and-place, two of them");
    }

    [Test]
    public void LabelDependsOnTheStateNotOnThePreviousAction()
    {
        // From rest the arm may only ramp up, but the label already says where to go: a policy sees one image, not
        // the expert's last command, so a rate-limited label would be noise to it.
        var env = new TabletopEnv();
        var options = new ExpertOptions { Seed = 0 };
        var expert = new ScriptedExpert(options);
        env.Reset(TaskCatalog.All[0], 5);
        expert.Reset(env, 0);
        Span<float> label = stackalloc float[DeltaAction.Dimensions], executed = stackalloc float[DeltaAction.Dimensions];
        expert.Act(env, label, executed);
        var largest = 0f;
        for (var i = 0; i < 3; i++)
        {
            Assert.That(Math.Abs(executed[i]), Is.LessThanOrEqualTo(options.MaxActionChange + 1e-6));
            largest = Math.Max(largest, Math.Abs(label[i]));
        }
        Assert.That(largest, Is.EqualTo(1f), "the object is far away: the label is saturated from the first step");
    }

    [Test]
    public void NoiseMovesOnlyWhatTheCamerasCanSee()
    {
        // Tilt noise would make roll/pitch labels that no image-based policy can infer.
        var env = new TabletopEnv();
        var expert = new ScriptedExpert(new ExpertOptions { ActionNoise = 0.3, Seed = 3 });
        var noiseless = new ScriptedExpert(new ExpertOptions { Seed = 3 }); // the same expert on the same states
        var clean = new float[DeltaAction.Dimensions];
        var unused = new float[DeltaAction.Dimensions];
        int steps = 0, noisyYaw = 0;
        ExpertRollout.Run(env, expert, TaskCatalog.All[0], 7, (e, _, executed) =>
        {
            if (steps++ == 0)
                noiseless.Reset(e, 0);
            noiseless.Act(e, unused, clean);
            Assert.That(executed[3], Is.EqualTo(clean[3]), "roll");
            Assert.That(executed[4], Is.EqualTo(clean[4]), "pitch");
            noisyYaw += executed[5] != clean[5] ? 1 : 0;
        });
        Assert.That(noisyYaw, Is.GreaterThan(steps / 2), "yaw is visible (a cube's faces) and gets noise");
    }

    [Test]
    public void AMissedGraspIsRetried()
    {
        // Push the arm sideways right when it starts closing: the fingers close on nothing, then it tries again.
        var env = new TabletopEnv();
        var expert = new ScriptedExpert();
        var pushed = false;
        var result = ExpertRollout.Run(env, expert, TaskCatalog.All[4], 2, (e, label, _) =>
        {
            if (!pushed && label[6] > 0 && e.Scene.Gripper.Width >= Scene.Gripper.MaxWidth)
            {
                pushed = true;
                for (var i = 0; i < 4; i++)
                    e.Step([0, 1, 0, 0, 0, 0, -1]);
            }
        });
        Assert.That(pushed, Is.True);
        Assert.That(result.Regrasps, Is.GreaterThanOrEqualTo(1));
        Assert.That(result.Success, Is.True);
    }
}
