using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Policy.Decoding;

/// <summary>Settings of <c>retrieval</c> (retrieval-based speculative decoding).</summary>
public sealed record RetrievalOptions
{
    /// <summary>Relaxed acceptance r in action bins (as Spec-VLA's: 9); 0 is exact.</summary>
    public int Tolerance { get; init; } = 9;
}

/// <summary>
/// <c>retrieval</c>: the most similar demonstration step of the instruction's collection is the draft; the
/// target verifies it with the prefix in one pass and regenerates the rejected suffix. Without a matching
/// collection the step is decoded autoregressively.
/// </summary>
public sealed class RetrievalDecoding(RetrievalOptions options, ActionDatastore datastore) : IDecodingStrategy
{
    private readonly RetrievalLookup _lookup = new(datastore, 1);
    private readonly DraftVerification _verification = new();

    public string Name => "retrieval";
    public RetrievalOptions Options { get; } = options;

    public void Decode(DecodingContext context, Span<int> tokens)
    {
        var hits = _lookup.Search(context);
        if (hits.IsEmpty)
        {
            context.Statistics.Branch = "ar";
            TargetCompletion.Fill(context, tokens, 0, tokens.Length, 0);
            return;
        }
        context.Statistics.Branch = "retrieval";
        var accepted = _verification.FromPrefix(context, tokens, _lookup.Collection!.Actions(hits[0].Entry), tokens.Length, Options.Tolerance);
        if (accepted < tokens.Length - 1)
            TargetCompletion.Fill(context, tokens, accepted + 1, tokens.Length, cached: accepted);
    }

    /// <summary>The search, the autoregressive branch, then that action as the draft of the verification pass and a
    /// regeneration after its first token. Nothing is remembered between steps.</summary>
    public void WarmUp(DecodingContext context, Span<int> tokens)
    {
        _lookup.Search(context);
        TargetCompletion.Fill(context, tokens, 0, tokens.Length, 0);
        Span<int> draft = stackalloc int[tokens.Length];
        tokens.CopyTo(draft);
        _verification.FromPrefix(context, tokens, draft, tokens.Length, Options.Tolerance);
        TargetCompletion.Fill(context, tokens, 1, tokens.Length, cached: 0);
    }
}
