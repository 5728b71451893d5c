using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Policy.Tests;

/// <summary>Retrieval datastores made from a policy's own greedy steps, so that a test knows exactly how close each
/// draft is to what the target decodes.</summary>
internal static class GreedyDatastore
{
    /// <summary>Steps <paramref name="policy"/> (greedy decoding) on each observation and stores, as episode i, its
    /// pooled visual embedding as the key and its action tokens, changed by <paramref name="edit"/>(i, tokens) when given.</summary>
    public static ActionDatastore Of(VlaPolicy policy, IEnumerable<Observation> observations, Action<int, int[]>? edit = null)
    {
        var manifest = policy.Package.Manifest;
        var cameras = manifest.Image.Cameras.Count;
        var store = new ActionDatastore(VisualEmbedding.Dimension(cameras, manifest.Decoder.HiddenSize), manifest.Action.Dimensions);
        var key = new float[store.KeyDimension];
        var episode = 0;
        foreach (var observation in observations)
        {
            var tokens = policy.Step(observation).Tokens.ToArray();
            edit?.Invoke(episode, tokens);
            VisualEmbedding.Pool(policy.Model.Vision.Tokens, cameras, key);
            store.Collection(observation.Instruction).Add(key, tokens, episode++, 0);
        }
        return store;
    }
}
