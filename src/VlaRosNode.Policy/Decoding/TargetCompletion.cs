namespace VlaRosNode.Policy.Decoding;

/// <summary>Greedy decoding with the target from the middle of an action: what every speculative strategy falls
/// back to for the tokens its drafts did not cover.</summary>
public static class TargetCompletion
{
    /// <summary>
    /// Writes tokens[from..to) greedily. <paramref name="cached"/> says how many of tokens[0..from) the target's
    /// cache holds after the prefix (it may hold more, e.g. rejected drafts: those are rolled back); the missing
    /// ones are fed in one pass. Returns how many tokens the cache then holds after the prefix (to - 1).
    /// </summary>
    public static int Fill(DecodingContext context, Span<int> tokens, int from, int to, int cached)
    {
        if (from >= to)
            return cached;
        var target = context.Target;
        var vocabulary = target.VocabularySize;
        ReadOnlySpan<float> next;
        if (from == 0)
            next = DecodingContext.LastRow(context.Prefill(target), vocabulary);
        else
        {
            var keep = Math.Min(cached, from - 1);
            target.Rollback(context.PrefixLength + keep);
            next = DecodingContext.LastRow(context.Feed(target, tokens[keep..from]), vocabulary);
        }
        tokens[from] = DecodingContext.ArgMax(next);
        for (var i = from + 1; i < to; i++)
            tokens[i] = DecodingContext.ArgMax(context.Feed(target, tokens[i - 1]));
        return to - 1;
    }
}
