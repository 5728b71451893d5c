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
    public void LabelsAreSmoothAndInRange()
    {
        var env = new TabletopEnv();
        var options = ExpertOptions.Demonstration(0);
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
                    Assert.That(Math.Abs(label[i] - previous[i]), Is.LessThanOrEqualTo(options.MaxActionChange + 1e-6));
                gripperSwitches += label[6] != previous[6] ? 1 : 0;
            }
            previous = label.ToArray();
        });
        Assert.That(gripperSwitches, Is.EqualTo(4), "close and open once per pick-and-place, two of them");
    }

    [Test]
    public void NoiseMovesOnlyWhatTheCamerasCanSee()
    {
        // Tilt noise would make roll/pitch labels that no image-based policy can infer.
        var env = new TabletopEnv();
        var expert = new ScriptedExpert(new ExpertOptions { ActionNoise = 0.3, Seed = 3 });
        int steps = 0, noisyYaw = 0;
        ExpertRollout.Run(env, expert, TaskCatalog.All[0], 7, (_, label, executed) =>
        {
            steps++;
            Assert.That(executed[3], Is.EqualTo(label[3]), "roll");
            Assert.That(executed[4], Is.EqualTo(label[4]), "pitch");
            noisyYaw += executed[5] != label[5] ? 1 : 0;
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
