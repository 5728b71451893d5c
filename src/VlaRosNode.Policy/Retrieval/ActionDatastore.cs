namespace VlaRosNode.Policy.Retrieval;

/// <summary>
/// HeiSD's retrieval datastore: one <see cref="DatastoreCollection"/> per instruction (the instruction only
/// selects the collection), keyed by <see cref="VisualEmbedding"/>s, holding the action tokens of each step and
/// the next <see cref="Horizon"/> - 1 steps. Built from demonstrations and the robot's own successful runs.
/// </summary>
public sealed class ActionDatastore(int keyDimension, int actionDimensions, int horizon = ActionDatastore.DefaultHorizon)
{
    /// <summary>The current action and the next 3 (HeiSD's payload).</summary>
    public const int DefaultHorizon = 4;

    private readonly Dictionary<string, DatastoreCollection> _collections = [];

    public int KeyDimension { get; } = keyDimension > 0 ? keyDimension : throw new ArgumentOutOfRangeException(nameof(keyDimension));
    public int ActionDimensions { get; } = actionDimensions > 0 ? actionDimensions : throw new ArgumentOutOfRangeException(nameof(actionDimensions));
    public int Horizon { get; } = horizon > 0 ? horizon : throw new ArgumentOutOfRangeException(nameof(horizon));

    public IReadOnlyCollection<DatastoreCollection> Collections => _collections.Values;

    public int Count => _collections.Values.Sum(c => c.Count);

    /// <summary>The collection name of an instruction: trimmed, lower-cased, inner whitespace collapsed.</summary>
    public static string CollectionName(string instruction) =>
        string.Join(' ', instruction.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>The collection of <paramref name="instruction"/>, or null when there is none.</summary>
    public DatastoreCollection? Find(string instruction) =>
        _collections.GetValueOrDefault(CollectionName(instruction));

    /// <summary>The collection of <paramref name="instruction"/>, created empty when missing.</summary>
    public DatastoreCollection Collection(string instruction)
    {
        var name = CollectionName(instruction);
        if (name.Length == 0)
            throw new ArgumentException("an empty instruction names no collection", nameof(instruction));
        if (!_collections.TryGetValue(name, out var collection))
            _collections[name] = collection = new DatastoreCollection(name, KeyDimension, ActionDimensions, Horizon);
        return collection;
    }
}
