using VlaRosNode.Policy;
using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>What a datastore build did.</summary>
public sealed record DatastoreBuildSummary(int Episodes, int SuccessfulEpisodes, int Entries, int Collections);

/// <summary>
/// Builds HeiSD's retrieval datastore from the simulator's scripted-expert demonstrations: each step of a
/// successful episode becomes an entry keyed by the policy's own pooled visual embedding of that step's images,
/// holding the expert's labelled actions of the step and the next ones, tokenised with the package's statistics.
/// </summary>
public static class DemonstrationDatastore
{
    public static ActionDatastore Build(VlaPolicy policy, IEnumerable<TaskDefinition> tasks, IReadOnlyList<int> seeds,
        SimOptions? simOptions, out DatastoreBuildSummary summary, TextWriter? progress = null)
    {
        var manifest = policy.Package.Manifest;
        var cameras = manifest.Image.Cameras;
        var tokenizer = new ActionTokenizer(manifest.Action.VocabSize, manifest.Action.Bins);
        var statistics = manifest.Statistics.Keys[policy.UnnormKey];
        var dimensions = manifest.Action.Dimensions;
        var store = new ActionDatastore(VisualEmbedding.Dimension(cameras.Count, manifest.Decoder.HiddenSize), dimensions);
        var env = new TabletopEnv(simOptions);
        var source = new SimObservations(env, cameras);
        var expert = new ScriptedExpert();
        int episodes = 0, successes = 0;
        foreach (var task in tasks)
            foreach (var seed in seeds)
            {
                var keys = new List<float[]>();
                var actions = new List<int>();
                var result = ExpertRollout.Run(env, expert, task, seed, (_, label, _) =>
                {
                    if (keys.Count == 0)
                        source.BeginEpisode();
                    var observation = source.Observe();
                    var key = new float[store.KeyDimension];
                    VisualEmbedding.Pool(policy.EncodeImages(observation.Images), cameras.Count, key);
                    keys.Add(key);
                    Span<int> tokens = stackalloc int[dimensions];
                    tokenizer.Encode(label, statistics, tokens);
                    foreach (var token in tokens)
                        actions.Add(token);
                });
                episodes++;
                if (!result.Success)
                    continue;
                successes++;
                var collection = store.Collection(task.Instruction);
                for (var step = 0; step < keys.Count; step++)
                {
                    var steps = Math.Min(store.Horizon, keys.Count - step);
                    collection.Add(keys[step], actions.GetRange(step * dimensions, steps * dimensions).ToArray(), episodes - 1, step);
                }
                progress?.WriteLine($"  {task.Name} seed {seed}: {keys.Count} steps");
            }
        summary = new DatastoreBuildSummary(episodes, successes, store.Count, store.Collections.Count);
        return store;
    }
}
