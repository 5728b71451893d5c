using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>
/// One episode's retrieval datastore entries while it is collected: per step the key (the policy's pooled visual
/// embedding of the step's images) and the step's action tokens; <see cref="AddTo"/> stores each step with the
/// tokens of the following steps up to the collection's horizon.
/// </summary>
internal sealed class EpisodeEntries(int keyDimension, int actionDimensions, int cameras)
{
    private readonly List<float[]> _keys = [];
    private readonly List<int> _tokens = [];

    public int Steps => _keys.Count;

    public void Clear()
    {
        _keys.Clear();
        _tokens.Clear();
    }

    /// <param name="visualTokens">The vision encoder's output for the step's images.</param>
    public void Add(ReadOnlySpan<float> visualTokens, ReadOnlySpan<int> tokens)
    {
        var key = new float[keyDimension];
        VisualEmbedding.Pool(visualTokens, cameras, key);
        _keys.Add(key);
        _tokens.AddRange(tokens[..actionDimensions]);
    }

    public void AddTo(DatastoreCollection collection, int episode)
    {
        for (var step = 0; step < Steps; step++)
        {
            var steps = Math.Min(collection.Horizon, Steps - step);
            collection.Add(_keys[step], _tokens.GetRange(step * actionDimensions, steps * actionDimensions).ToArray(), episode, step);
        }
    }
}
