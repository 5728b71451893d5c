using System.Diagnostics;
using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Policy.Retrieval;

/// <summary>One step's datastore search: embeds the step's visual tokens, searches the instruction's
/// collection, and books the time as retrieval time.</summary>
public sealed class RetrievalLookup(ActionDatastore datastore, int topK)
{
    private readonly RetrievalHit[] _hits = new RetrievalHit[topK > 0 ? topK : throw new ArgumentOutOfRangeException(nameof(topK))];
    private float[] _key = [];
    private string? _instruction; // the instruction Collection was looked up for: one lookup per episode, not per step

    public ActionDatastore Datastore { get; } = datastore;

    /// <summary>The collection searched last (null when the instruction has none).</summary>
    public DatastoreCollection? Collection { get; private set; }

    public ReadOnlySpan<RetrievalHit> Search(DecodingContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var instruction = context.Observation.Instruction;
        if (!string.Equals(instruction, _instruction, StringComparison.Ordinal))
        {
            Collection = Datastore.Find(instruction); // normalises the instruction: allocates
            _instruction = instruction;
        }
        var found = 0;
        if (Collection is not null)
        {
            if (_key.Length != Datastore.KeyDimension)
                _key = new float[Datastore.KeyDimension];
            VisualEmbedding.Pool(context.VisualTokens, context.Cameras, _key);
            found = Collection.Search(_key, _hits);
        }
        context.Statistics.RetrievalTicks += Stopwatch.GetTimestamp() - start;
        return _hits.AsSpan(0, found);
    }
}
