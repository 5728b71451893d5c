namespace VlaRosNode.Policy.Decoding;

/// <summary>The drafter's greedy guess at the action's tokens (Spec-VLA's drafter, here a small decoder over the
/// same prefix). Its cache ends holding the prefix and draft[0..n-1).</summary>
public static class DrafterProposal
{
    /// <summary>Drafts every token from the prefix.</summary>
    public static void All(DecodingContext context, Span<int> draft)
    {
        var drafter = Drafter(context);
        draft[0] = DecodingContext.ArgMax(DecodingContext.LastRow(context.Prefill(drafter), drafter.VocabularySize));
        for (var i = 1; i < draft.Length; i++)
            draft[i] = DecodingContext.ArgMax(context.Feed(drafter, draft[i - 1]));
    }

    /// <summary>Redrafts draft[from..n) after tokens[0..from) were decided (tokens[0..from-1) equal to the earlier
    /// draft, tokens[from-1] the target's correction).</summary>
    public static void From(DecodingContext context, ReadOnlySpan<int> tokens, Span<int> draft, int from)
    {
        var drafter = Drafter(context);
        drafter.Rollback(context.PrefixLength + from - 1);
        draft[from] = DecodingContext.ArgMax(context.Feed(drafter, tokens[from - 1]));
        for (var i = from + 1; i < draft.Length; i++)
            draft[i] = DecodingContext.ArgMax(context.Feed(drafter, draft[i - 1]));
    }

    private static Runtime.KvCacheDecoder Drafter(DecodingContext context) =>
        context.Drafter ?? throw new InvalidOperationException("this strategy needs a drafter, and the model package has none (or it was not loaded)");
}
