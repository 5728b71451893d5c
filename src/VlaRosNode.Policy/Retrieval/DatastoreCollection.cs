using System.Numerics.Tensors;

namespace VlaRosNode.Policy.Retrieval;

/// <summary>
/// The demonstrations of one instruction: unit keys stored row-wise, and per entry the action tokens of the
/// step and the next <c>horizon - 1</c> steps (padded with the last real step at an episode's end), how many of
/// those steps are real, and where the entry came from (episode, step). One searcher at a time: a search reuses its
/// scratch buffers.
/// </summary>
public sealed class DatastoreCollection
{
    private readonly List<float> _keys = [];
    private readonly List<int> _tokens = [];
    private readonly List<DatastoreEntryInfo> _info = [];
    private readonly QuantizedKeys _quantized;
    private sbyte[] _queryCodes = [];
    private float[] _approximate = [];
    private float[] _upper = [];

    internal DatastoreCollection(string name, int keyDimension, int actionDimensions, int horizon)
    {
        Name = name;
        KeyDimension = keyDimension;
        ActionDimensions = actionDimensions;
        Horizon = horizon;
        _quantized = new QuantizedKeys(keyDimension);
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
    /// (ties: the earlier entry); returns how many were found. Where the CPU has int8 kernels a first pass over int8
    /// copies of the keys bounds every entry's similarity and only the entries that could be among the best are scored
    /// exactly: the same hits as scoring them all, from a quarter of the bytes.</summary>
    public int Search(ReadOnlySpan<float> query, Span<RetrievalHit> hits)
    {
        if (query.Length != KeyDimension)
            throw new ArgumentException($"a query of {query.Length} values for a datastore of dimension {KeyDimension}", nameof(query));
        return QuantizedKeys.IsAccelerated ? SearchBounded(query, hits) : SearchExact(query, hits);
    }

    /// <summary>Every entry scored exactly.</summary>
    internal int SearchExact(ReadOnlySpan<float> query, Span<RetrievalHit> hits)
    {
        var found = 0;
        for (var entry = 0; entry < Count; entry++)
            found = Insert(hits, found, new RetrievalHit(entry, TensorPrimitives.Dot(query, Key(entry)))); // AVX-512 here
        return found;
    }

    /// <summary>The int8 pass, then the exact scan over only the entries whose bound reaches a bar: the worst exact score
    /// of the best entries by the approximation, raised to the worst hit kept once there are enough. An entry left out
    /// scores at most its bound, below the bar, so below every hit.</summary>
    internal int SearchBounded(ReadOnlySpan<float> query, Span<RetrievalHit> hits)
    {
        if (hits.IsEmpty)
            return 0;
        _quantized.CatchUp(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keys));
        if (_queryCodes.Length != KeyDimension)
            _queryCodes = new sbyte[KeyDimension];
        if (_approximate.Length < Count)
        {
            _approximate = new float[Math.Max(Count, 2 * _approximate.Length)];
            _upper = new float[_approximate.Length];
        }
        var (inverseScale, _, errorNorm) = QuantizedKeys.Code(query, _queryCodes);
        var norm = TensorPrimitives.Norm(query);
        if (!float.IsFinite(norm) || !float.IsFinite(inverseScale))
            return SearchExact(query, hits);
        _quantized.Approximate(_queryCodes, inverseScale, norm, errorNorm, _approximate, _upper);

        var seeded = 0;
        for (var entry = 0; entry < Count; entry++)
            seeded = Insert(hits, seeded, new RetrievalHit(entry, _approximate[entry]));
        var bar = float.NegativeInfinity;
        if (seeded == hits.Length)
        {
            bar = float.PositiveInfinity;
            foreach (var seed in hits)
                bar = Math.Min(bar, TensorPrimitives.Dot(query, Key(seed.Entry)));
        }
        var found = 0;
        for (var entry = 0; entry < Count; entry++)
            if (_upper[entry] >= (found == hits.Length ? Math.Max(bar, hits[^1].Similarity) : bar))
                found = Insert(hits, found, new RetrievalHit(entry, TensorPrimitives.Dot(query, Key(entry))));
        return found;
    }

    /// <summary>Puts <paramref name="hit"/> into the best-first <paramref name="hits"/>[..found] if it beats the last
    /// (or there is room); returns the new count.</summary>
    private static int Insert(Span<RetrievalHit> hits, int found, RetrievalHit hit)
    {
        if (found == hits.Length && !Better(hit, hits[found - 1]))
            return found;
        var at = found < hits.Length ? found++ : found - 1;
        while (at > 0 && Better(hit, hits[at - 1]))
        {
            hits[at] = hits[at - 1];
            at--;
        }
        hits[at] = hit;
        return found;
    }

    /// <summary>Higher similarity first, then the earlier entry.</summary>
    private static bool Better(RetrievalHit a, RetrievalHit b) =>
        a.Similarity > b.Similarity || a.Similarity == b.Similarity && a.Entry < b.Entry;
}

/// <summary>Where an entry came from, and how many of its horizon's actions are real (the rest repeat the last).</summary>
public readonly record struct DatastoreEntryInfo(int Episode, int Step, int Steps);
