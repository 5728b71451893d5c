using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Nodes.Replay;

/// <summary>What a datastore build from bags did.</summary>
/// <param name="Segments">Runs of consecutive steps stored as one episode: an episode, split where a step had no full action.</param>
/// <param name="Unlabelled">Steps left out because their recorded command gave no full action.</param>
public sealed record BagDatastoreSummary(int Bags, int Segments, int Steps, int Unlabelled, int Entries, int Collections);

/// <summary>
/// HeiSD's retrieval datastore from recorded bags (<c>vla datastore build --bag</c>): every control step of every
/// episode (<see cref="BagObservations"/>) becomes an entry of its instruction's collection, keyed by the policy's own
/// pooled visual embedding of the step's images, holding the action tokens of the step and the next ones: the recorded
/// command's (as an action, tokenised with the package's statistics), or the policy's greedy tokens on that observation.
/// </summary>
public static class BagDatastore
{
    public static ActionDatastore Build(VlaPolicy policy, IEnumerable<string> bags, BagObservationOptions options, DemonstrationSource from,
        out BagDatastoreSummary summary, TextWriter? progress = null)
    {
        if (from is not (DemonstrationSource.Recorded or DemonstrationSource.Policy))
            throw new ArgumentException($"a bag's actions come from its recorded commands or from the policy, not '{from}'");
        var manifest = policy.Package.Manifest;
        var dimensions = manifest.Action.Dimensions;
        var store = new ActionDatastore(VisualEmbedding.Dimension(manifest.Image.Cameras.Count, manifest.Decoder.HiddenSize), dimensions);
        var tokenizer = new ActionTokenizer(manifest.Action.VocabSize, manifest.Action.Bins);
        var statistics = manifest.Statistics.Keys[policy.UnnormKey];
        var entries = new EpisodeEntries(store.KeyDimension, dimensions, manifest.Image.Cameras.Count);
        var output = policy.CreateOutput();
        var tokens = new int[dimensions];
        var previous = policy.Strategy;
        policy.Strategy = new GreedyDecoding();
        int bagCount = 0, segments = 0, steps = 0, unlabelled = 0;
        var instruction = "";
        void Flush()
        {
            if (entries.Steps > 0)
                entries.AddTo(store.Collection(instruction), segments++);
            entries.Clear();
        }
        try
        {
            foreach (var path in bags)
            {
                using var bag = BagObservations.Open(path, options);
                CameraTopicCheck.RequireOnePerCamera(bag.CameraTopics, manifest.Image.Cameras, $"{bag.Name} is read with camera topics");
                if (from == DemonstrationSource.Recorded && !bag.HasCommands)
                    throw new ReplayException($"{bag.Name}: no recorded command topic '{options.CommandTopic}' to take actions from (or build from the policy's own actions)");
                foreach (var step in bag.Steps())
                {
                    steps++;
                    if (step.EpisodeStart)
                        Flush();
                    instruction = step.Observation.Instruction;
                    if (from == DemonstrationSource.Policy)
                    {
                        policy.Step(step.Observation, output);
                        entries.Add(policy.Model.Vision.Tokens, output.Tokens);
                        continue;
                    }
                    if (step.RecordedAction is not { } action || action.Any(float.IsNaN))
                    {
                        unlabelled++;
                        Flush();
                        continue;
                    }
                    var visual = policy.EncodeImages(step.Observation.Images);
                    tokenizer.Encode(action, statistics, tokens);
                    entries.Add(visual, tokens);
                }
                Flush();
                bagCount++;
                progress?.WriteLine($"  {bag.Name}: {bag.Summary}");
            }
        }
        finally
        {
            policy.Strategy = previous;
        }
        summary = new BagDatastoreSummary(bagCount, segments, steps, unlabelled, store.Count, store.Collections.Count);
        return store;
    }
}
