using VlaRosNode.Sim;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>What `vla bench sim` times: the simulator's parts and a whole control step, at one image size.</summary>
public static class SimWorkloads
{
    /// <summary>An expert episode that restarts with the next task and seed when it ends, so timing loops never run dry.</summary>
    private sealed class EndlessEpisodes
    {
        private readonly float[] _label = new float[7], _executed = new float[7];
        private int _episode;

        public EndlessEpisodes(TabletopEnv env)
        {
            Env = env;
            Next();
        }

        public TabletopEnv Env { get; }
        public ScriptedExpert Expert { get; } = new(ExpertOptions.Demonstration(0));

        public void Act()
        {
            if (Env.Done)
                Next();
            Expert.Act(Env, _label, _executed);
        }

        public void Step() => Env.Step(_executed);

        private void Next()
        {
            var task = TaskCatalog.All[_episode % TaskCatalog.All.Count];
            Env.Reset(task, _episode);
            Expert.Reset(Env, _episode);
            _episode++;
        }
    }

    public static List<BenchmarkRow> Run(int size, int calls, MicroBenchmark bench)
    {
        var detail = $"{size}x{size}";
        var episodes = new EndlessEpisodes(new TabletopEnv(new SimOptions { ImageWidth = size, ImageHeight = size }));
        var env = episodes.Env;
        return
        [
            bench.Measure("expert action", "scripted expert, demo noise", calls, episodes.Act),
            bench.Measure("physics step", "IK + limits + grasp model", calls, () => { episodes.Act(); episodes.Step(); }),
            bench.Measure("render agent camera", detail, calls, env.RenderAgent),
            bench.Measure("render wrist camera", detail, calls, env.RenderWrist),
            bench.Measure("full step", $"expert + physics + both cameras, {detail}", calls, () =>
            {
                episodes.Act();
                episodes.Step();
                env.Render();
            }),
        ];
    }

    /// <summary>Closed-loop success of the expert at demonstration noise over every task and <paramref name="seeds"/> seeds.</summary>
    public static (int Successes, int Episodes, double MeanSteps) ExpertSuccess(int seeds)
    {
        var env = new TabletopEnv();
        var expert = new ScriptedExpert(ExpertOptions.Demonstration(0));
        int successes = 0, episodes = 0;
        long steps = 0;
        foreach (var task in TaskCatalog.All)
            for (var seed = 0; seed < seeds; seed++)
            {
                var result = ExpertRollout.Run(env, expert, task, 100_000 + seed);
                successes += result.Success ? 1 : 0;
                steps += result.Steps;
                episodes++;
            }
        return (successes, episodes, (double)steps / episodes);
    }
}
