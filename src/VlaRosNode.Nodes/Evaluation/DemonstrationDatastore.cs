using VlaRosNode.Kinematics.Features;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>What a datastore build did; <paramref name="Metric"/> holds HeiSD's R and D at every step of the kept
/// trajectories, to calibrate the fused metric's ranges on them.</summary>
public sealed record DatastoreBuildSummary(int Episodes, int SuccessfulEpisodes, int Entries, int Collections, FusedMetricSamples Metric);

/// <summary>What <see cref="DemonstrationDatastore.Build"/> runs and keeps.</summary>
public sealed record DatastoreBuildOptions
{
    /// <summary>Each source runs every task and seed into the one datastore (expert demonstrations and the robot's
    /// own runs side by side, as HeiSD's datastore holds both).</summary>
    public IReadOnlyList<DemonstrationSource> Sources { get; init; } = [DemonstrationSource.Expert];

    /// <summary>Step cap of a policy run (0: the simulator's own limit).</summary>
    public int MaxSteps { get; init; }

    /// <summary>Keep the policy's failed runs too (the expert's are always left out).</summary>
    public bool KeepFailedPolicyRuns { get; init; }

    /// <summary>The window of HeiSD's fused metric that the summary's samples are taken over.</summary>
    public int MetricWindow { get; init; } = new HeisdOptions().Metric.Window;
}

/// <summary>Where the datastore's trajectories come from.</summary>
public enum DemonstrationSource
{
    /// <summary>The simulator's scripted expert; successful episodes only, its labelled actions.</summary>
    Expert,

    /// <summary>The policy's own greedy runs ("the robot's own runs"), its tokens: closed loop in the simulator (successful
    /// episodes only unless failed ones are asked for), open loop on a bag's observations.</summary>
    Policy,

    /// <summary>A bag's recorded commands, as actions (<see cref="Replay.RecordedAction"/>).</summary>
    Recorded,
}

/// <summary>
/// Builds HeiSD's retrieval datastore in the simulator: each recorded step becomes an entry keyed by the policy's
/// own pooled visual embedding of that step's images, holding the action tokens of the step and the next ones
/// (expert labels tokenised with the package's statistics, or the policy's greedy tokens).
/// </summary>
public static class DemonstrationDatastore
{
    public static ActionDatastore Build(VlaPolicy policy, IEnumerable<TaskDefinition> tasks, IReadOnlyList<int> seeds,
        SimOptions? simOptions, out DatastoreBuildSummary summary, TextWriter? progress = null, DatastoreBuildOptions? options = null)
    {
        options ??= new DatastoreBuildOptions();
        if (options.Sources.Count == 0 || options.Sources.Contains(DemonstrationSource.Recorded))
            throw new ArgumentException("the simulator's demonstrations come from the expert or the policy; recorded commands come from bags");
        var manifest = policy.Package.Manifest;
        var cameras = manifest.Image.Cameras;
        var store = new ActionDatastore(VisualEmbedding.Dimension(cameras.Count, manifest.Decoder.HiddenSize), manifest.Action.Dimensions);
        var env = new TabletopEnv(simOptions);
        var recorder = new Recorder(policy, new SimObservations(env, cameras), store.KeyDimension, options.MetricWindow);
        var metric = new FusedMetricSamples(options.MetricWindow);
        int episodes = 0, successes = 0;
        foreach (var source in options.Sources.Distinct())
            foreach (var task in tasks)
                foreach (var seed in seeds)
                {
                    var success = source == DemonstrationSource.Expert
                        ? recorder.Expert(env, task, seed)
                        : recorder.Greedy(env, task, seed, options.MaxSteps);
                    episodes++;
                    successes += success ? 1 : 0;
                    var kept = success || (source == DemonstrationSource.Policy && options.KeepFailedPolicyRuns);
                    if (kept)
                    {
                        recorder.AddTo(store.Collection(task.Instruction), episodes - 1);
                        metric.AddRange(recorder.Metric);
                    }
                    progress?.WriteLine($"  {source.ToString().ToLowerInvariant()} {task.Name} seed {seed}: {recorder.Steps} steps" +
                        (success ? "" : kept ? " (failed)" : " (failed, left out)"));
                }
        summary = new DatastoreBuildSummary(episodes, successes, store.Count, store.Collections.Count, metric);
        return store;
    }

    /// <summary>Runs one simulator episode and collects its entries.</summary>
    private sealed class Recorder(VlaPolicy policy, SimObservations source, int keyDimension, int metricWindow)
    {
        private readonly EpisodeEntries _entries = new(keyDimension, policy.Package.Manifest.Action.Dimensions, policy.Model.Vision.Cameras);

        public int Steps => _entries.Steps;

        /// <summary>The episode's fused-metric samples, one per step with a full window.</summary>
        public FusedMetricSamples Metric { get; } = new(metricWindow);

        public bool Expert(TabletopEnv env, TaskDefinition task, int seed)
        {
            var manifest = policy.Package.Manifest;
            var tokenizer = new ActionTokenizer(manifest.Action.VocabSize, manifest.Action.Bins);
            var statistics = manifest.Statistics.Keys[policy.UnnormKey];
            var tokens = new int[manifest.Action.Dimensions];
            Begin();
            var result = ExpertRollout.Run(env, new ScriptedExpert(), task, seed, (_, label, _) =>
            {
                var visual = policy.EncodeImages(Observe().Images);
                tokenizer.Encode(label, statistics, tokens);
                _entries.Add(visual, tokens);
            });
            return result.Success;
        }

        public bool Greedy(TabletopEnv env, TaskDefinition task, int seed, int maxSteps)
        {
            var previous = policy.Strategy;
            policy.Strategy = new GreedyDecoding();
            var output = policy.CreateOutput();
            env.Reset(task, seed);
            Begin();
            while (!env.Done && (maxSteps == 0 || Steps < maxSteps))
            {
                policy.Step(Observe(), output);
                _entries.Add(policy.Model.Vision.Tokens, output.Tokens);
                env.Step(output.Action);
            }
            policy.Strategy = previous;
            return env.Succeeded;
        }

        public void AddTo(DatastoreCollection collection, int episode) => _entries.AddTo(collection, episode);

        private void Begin()
        {
            _entries.Clear();
            Metric.Clear();
            source.BeginEpisode();
        }

        private Observation Observe()
        {
            var observation = source.Observe();
            Metric.Add(observation.Kinematics!.EndEffector);
            return observation;
        }
    }
}
