using System.Numerics.Tensors;

namespace VlaRosNode.Policy.Retrieval;

/// <summary>
/// The demonstrations of one instruction: unit keys stored row-wise, and per entry the action tokens of the
/// step and the next <c>horizon - 1</c> steps (padded with the last real step at an episode's end), how many of
/// those steps are real, and where the entry came from (episode, step).
/// </summary>
public sealed class DatastoreCollection
{
    private readonly List<float> _keys = [];
    private readonly List<int> _tokens = [];
    private readonly List<DatastoreEntryInfo> _info = [];

    internal DatastoreCollection(string name, int keyDimension, int actionDimensions, int horizon)
    {
        Name = name;
        KeyDimension = keyDimension;
        ActionDimensions = actionDimensions;
        Horizon = horizon;
    }

    public string Name { get; }
    public int KeyDimension { get; }
    public int ActionDimensions { get; }
    public int Horizon { get; }
    public int Count => _info.Count;

    public ReadOnlySpan<float> Key(int entry) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keys).Slice(entry * KeyDimension, KeyDimension);

    /// <summary>The action tokens of the entry's step plus <paramref name="ahead"/> (0 = the step itself).</summary>
    public ReadOnlySpan<int> Actions(int entry, int ahead = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ahead);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ahead, Horizon);
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_tokens)
            .Slice((entry * Horizon + ahead) * ActionDimensions, ActionDimensions);
    }

    public DatastoreEntryInfo Info(int entry) => _info[entry];

    /// <summary>Adds an entry: <paramref name="key"/> is normalised here; <paramref name="actions"/> holds
    /// 1..horizon consecutive actions of <c>ActionDimensions</c> tokens.</summary>
    public void Add(ReadOnlySpan<float> key, ReadOnlySpan<int> actions, int episode, int step)
    {
        if (key.Length != KeyDimension)
            throw new ArgumentException($"a key of {key.Length} values for a datastore of dimension {KeyDimension}", nameof(key));
        var unit = new float[KeyDimension];
        key.CopyTo(unit);
        VisualEmbedding.Normalize(unit);
        AddUnit(unit, actions, episode, step);
    }

    /// <summary>As <see cref="Add"/> for a key that is already a unit vector (stored bit for bit).</summary>
    internal void AddUnit(ReadOnlySpan<float> key, ReadOnlySpan<int> actions, int episode, int step)
    {
        var steps = actions.Length / ActionDimensions;
        if (steps < 1 || steps > Horizon || steps * ActionDimensions != actions.Length)
            throw new ArgumentException($"{actions.Length} action tokens are not 1..{Horizon} actions of {ActionDimensions}", nameof(actions));
        foreach (var token in actions)
            ArgumentOutOfRangeException.ThrowIfNegative(token, nameof(actions));
        foreach (var value in key)
            _keys.Add(value);
        foreach (var token in actions)
            _tokens.Add(token);
        var last = actions[^ActionDimensions..];
        for (var pad = steps; pad < Horizon; pad++)
            foreach (var token in last)
                _tokens.Add(token);
        _info.Add(new DatastoreEntryInfo(episode, step, steps));
    }

    /// <summary>The <c>hits.Length</c> entries most similar to the unit <paramref name="query"/>, best first
    /// (ties: the earlier entry); returns how many were found.</summary>
    public int Search(ReadOnlySpan<float> query, Span<RetrievalHit> hits)
    {
        if (query.Length != KeyDimension)
            throw new ArgumentException($"a query of {query.Length} values for a datastore of dimension {KeyDimension}", nameof(query));
        var found = 0;
        for (var entry = 0; entry < Count; entry++)
        {
            var similarity = TensorPrimitives.Dot(query, Key(entry)); // widest vectors the CPU has (AVX-512 here)
            if (found == hits.Length && !(similarity > hits[found - 1].Similarity))
                continue;
            var at = found < hits.Length ? found++ : found - 1;
            while (at > 0 && similarity > hits[at - 1].Similarity)
            {
                hits[at] = hits[at - 1];
                at--;
            }
            hits[at] = new RetrievalHit(entry, similarity);
        }
        return found;
    }
}

/// <summary>Where an entry came from, and how many of its horizon's actions are real (the rest repeat the last).</summary>
public readonly record struct DatastoreEntryInfo(int Episode, int Step, int Steps);
