namespace VlaRosNode.Policy.Decoding;

/// <summary>The drafter's greedy guess at the action's tokens (Spec-VLA's drafter, here a small decoder over the
/// same prefix).</summary>
public static class DrafterProposal
{
    /// <summary>Drafts draft[from..end) after tokens[0..from) were decided: from the prefix when
    /// <paramref name="from"/> is 0, otherwise feeding the drafter those of tokens[0..from) its cache does not hold
    /// (it keeps the leading drafts that stood, which equal the tokens there). Its cache ends holding draft[..end-1).</summary>
    public static void Propose(DecodingContext context, ReadOnlySpan<int> tokens, Span<int> draft, int from, int end)
    {
        var drafter = context.Drafter ?? throw new InvalidOperationException("this strategy needs a drafter, and the model package has none (or it was not loaded)");
        var vocabulary = drafter.VocabularySize;
        if (from == 0)
            draft[0] = DecodingContext.ArgMax(DecodingContext.LastRow(context.Prefill(drafter), vocabulary));
        else
        {
            var keep = Math.Min(drafter.Length - context.PrefixLength, from - 1);
            drafter.Rollback(context.PrefixLength + keep);
            draft[from] = DecodingContext.ArgMax(DecodingContext.LastRow(context.Feed(drafter, tokens[keep..from]), vocabulary));
        }
        for (var i = from + 1; i < end; i++)
            draft[i] = DecodingContext.ArgMax(context.Feed(drafter, draft[i - 1]));
    }
}
