using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>
/// Closed-loop episodes in the built-in simulator for every decoding mode with the same tasks and seeds: the
/// policy's metric action drives the arm, so a mode that changes actions changes the episode. Step latency is
/// the policy core's own time (preprocess to action), not the simulator's.
/// </summary>
public static class ClosedLoopBenchmark
{
    public static IReadOnlyList<ModeResult> Run(VlaPolicy policy, ActionDatastore? datastore, DecodeBenchOptions options,
        SimOptions? simOptions = null, TextWriter? progress = null)
    {
        var modes = options.Modes.Select(m => new PolicyMode(m, datastore, options.Dyq, options.TokenCache)).ToArray(); // bad modes fail before any episode
        var opened = policy.Model.Precision;
        var env = new TabletopEnv(simOptions);
        var source = new SimObservations(env, policy.Package.Manifest.Image.Cameras);
        var output = policy.CreateOutput();
        var episodes = modes.Select(_ => new List<EpisodeRecord>()).ToArray();
        var previous = PolicySettings.Of(policy);
        try
        {
            // Episode by episode, every mode in turn: load from other processes on a shared machine then falls on all
            // modes alike instead of on whichever mode ran while it lasted.
            foreach (var suite in options.Suites)
            {
                var tasks = TaskCatalog.InSuite(suite).ToArray();
                for (var e = 0; e < options.EpisodesPerSuite; e++)
                    for (var m = 0; m < modes.Length; m++)
                    {
                        modes[m].Apply(policy, opened);
                        episodes[m].Add(Episode(policy, env, source, output, tasks[e % tasks.Length], options.FirstSeed + e, options.MaxSteps));
                    }
                for (var m = 0; m < modes.Length; m++)
                    progress?.WriteLine($"  {options.Modes[m].Label} {suite}: {episodes[m].Count(x => x.Suite == Name(suite) && x.Success)}/{options.EpisodesPerSuite}");
            }
        }
        finally
        {
            previous.Restore(policy);
        }
        return options.Modes.Select((mode, m) => new ModeResult(mode, episodes[m])).ToArray();
    }

    /// <summary>Sees each step's output before the simulator executes its action.</summary>
    public delegate void StepObserver(TabletopEnv env, PolicyOutput output);

    /// <summary>One closed-loop episode of <paramref name="task"/>: the policy's action drives the arm until success or
    /// the step limit (<paramref name="maxSteps"/> = 0: the simulator's).</summary>
    public static EpisodeRecord Episode(VlaPolicy policy, TabletopEnv env, SimObservations source,
        PolicyOutput output, TaskDefinition task, int seed, int maxSteps, StepObserver? observe = null)
    {
        env.Reset(task, seed);
        source.BeginEpisode();
        policy.BeginEpisode();
        var steps = new List<StepRecord>();
        while (!env.Done && (maxSteps == 0 || steps.Count < maxSteps))
        {
            policy.Step(source.Observe(), output);
            steps.Add(StepRecord.Of(output));
            observe?.Invoke(env, output);
            env.Step(output.Action);
        }
        return new EpisodeRecord(Name(task.Suite), task.Name, seed, env.Succeeded, steps);
    }

    internal static string Name(TaskSuite suite) => suite.ToString().ToLowerInvariant();
}
