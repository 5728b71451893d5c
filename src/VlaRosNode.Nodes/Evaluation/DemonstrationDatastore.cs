using VlaRosNode.Policy;
using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>What a datastore build did.</summary>
public sealed record DatastoreBuildSummary(int Episodes, int SuccessfulEpisodes, int Entries, int Collections);

/// <summary>Where the datastore's trajectories come from.</summary>
public enum DemonstrationSource
{
    /// <summary>The simulator's scripted expert; successful episodes only, its labelled actions.</summary>
    Expert,

    /// <summary>The policy's own greedy closed-loop runs ("the robot's own runs"), every episode, its tokens.</summary>
    Policy,
}

/// <summary>
/// Builds HeiSD's retrieval datastore in the simulator: each recorded step becomes an entry keyed by the policy's
/// own pooled visual embedding of that step's images, holding the action tokens of the step and the next ones
/// (expert labels tokenised with the package's statistics, or the policy's greedy tokens).
/// </summary>
public static class DemonstrationDatastore
{
    public static ActionDatastore Build(VlaPolicy policy, IEnumerable<TaskDefinition> tasks, IReadOnlyList<int> seeds,
        SimOptions? simOptions, out DatastoreBuildSummary summary, TextWriter? progress = null,
        DemonstrationSource from = DemonstrationSource.Expert, int maxSteps = 0)
    {
        var manifest = policy.Package.Manifest;
        var cameras = manifest.Image.Cameras;
        var store = new ActionDatastore(VisualEmbedding.Dimension(cameras.Count, manifest.Decoder.HiddenSize), manifest.Action.Dimensions);
        var env = new TabletopEnv(simOptions);
        var recorder = new Recorder(policy, new SimObservations(env, cameras), store.KeyDimension);
        int episodes = 0, successes = 0;
        foreach (var task in tasks)
            foreach (var seed in seeds)
            {
                var success = from == DemonstrationSource.Expert
                    ? recorder.Expert(env, task, seed)
                    : recorder.Greedy(env, task, seed, maxSteps);
                episodes++;
                successes += success ? 1 : 0;
                if (!success && from == DemonstrationSource.Expert)
                    continue;
                recorder.AddTo(store.Collection(task.Instruction), episodes - 1);
                progress?.WriteLine($"  {task.Name} seed {seed}: {recorder.Steps} steps{(success ? "" : " (failed)")}");
            }
        summary = new DatastoreBuildSummary(episodes, successes, store.Count, store.Collections.Count);
        return store;
    }

    /// <summary>One episode's keys and action tokens, step by step.</summary>
    private sealed class Recorder(VlaPolicy policy, SimObservations source, int keyDimension)
    {
        private readonly List<float[]> _keys = [];
        private readonly List<int> _tokens = [];
        private readonly int _dimensions = policy.Package.Manifest.Action.Dimensions;

        public int Steps => _keys.Count;

        public bool Expert(TabletopEnv env, TaskDefinition task, int seed)
        {
            var manifest = policy.Package.Manifest;
            var tokenizer = new ActionTokenizer(manifest.Action.VocabSize, manifest.Action.Bins);
            var statistics = manifest.Statistics.Keys[policy.UnnormKey];
            var tokens = new int[_dimensions];
            Begin();
            var result = ExpertRollout.Run(env, new ScriptedExpert(), task, seed, (_, label, _) =>
            {
                Key(policy.EncodeImages(source.Observe().Images));
                tokenizer.Encode(label, statistics, tokens);
                _tokens.AddRange(tokens);
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
                policy.Step(source.Observe(), output);
                Key(policy.Model.Vision.Tokens);
                _tokens.AddRange(output.Tokens);
                env.Step(output.Action);
            }
            policy.Strategy = previous;
            return env.Succeeded;
        }

        public void AddTo(DatastoreCollection collection, int episode)
        {
            for (var step = 0; step < Steps; step++)
            {
                var steps = Math.Min(collection.Horizon, Steps - step);
                collection.Add(_keys[step], _tokens.GetRange(step * _dimensions, steps * _dimensions).ToArray(), episode, step);
            }
        }

        private void Begin()
        {
            _keys.Clear();
            _tokens.Clear();
            source.BeginEpisode();
        }

        private void Key(ReadOnlySpan<float> visualTokens)
        {
            var key = new float[keyDimension];
            VisualEmbedding.Pool(visualTokens, policy.Model.Vision.Cameras, key);
            _keys.Add(key);
        }
    }
}
