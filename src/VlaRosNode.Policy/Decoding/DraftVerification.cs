namespace VlaRosNode.Policy.Decoding;

/// <summary>
/// Checks a draft of a whole action against the target in one pass and keeps its accepted leading tokens
/// (<see cref="TokenAcceptance"/>). Where a token is rejected the same pass already holds the target's own
/// token for that position; it is written in place of the rejected one, at no extra cost.
/// </summary>
public sealed class DraftVerification
{
    private int[] _verdicts = [];

    /// <summary>Runs the prefix and draft[0..n-1) through the target in one pass. Returns m, the accepted
    /// count: tokens[0..m) = draft[0..m), and when m &lt; n, tokens[m] is the target's token. The target's
    /// cache then holds draft[0..n-1), so m of tokens' leading tokens.</summary>
    public int FromPrefix(DecodingContext context, Span<int> tokens, ReadOnlySpan<int> draft, int tolerance)
    {
        var logits = context.Prefill(context.Target, draft[..^1]);
        return Accept(context, tokens, draft, logits, 0, tolerance);
    }

    /// <summary>A later round: tokens[0..from) are decided and the target's cache holds tokens[0..from-1);
    /// feeds tokens[from-1] and draft[from..n-1) in one pass and accepts from position <paramref name="from"/>.</summary>
    public int Continue(DecodingContext context, Span<int> tokens, ReadOnlySpan<int> draft, int from, int tolerance)
    {
        var n = tokens.Length;
        context.Target.Rollback(context.PrefixLength + from - 1);
        Span<int> fed = stackalloc int[n - from];
        fed[0] = tokens[from - 1];
        draft[from..(n - 1)].CopyTo(fed[1..]);
        var logits = context.Feed(context.Target, fed);
        return Accept(context, tokens, draft, logits, from, tolerance);
    }

    /// <summary><paramref name="logits"/> row i is the target's distribution for position from + i.</summary>
    private int Accept(DecodingContext context, Span<int> tokens, ReadOnlySpan<int> draft, ReadOnlySpan<float> logits, int from, int tolerance)
    {
        var n = tokens.Length;
        if (_verdicts.Length < n)
            _verdicts = new int[n];
        var vocabulary = context.Target.VocabularySize;
        for (var i = from; i < n; i++)
            _verdicts[i] = DecodingContext.ArgMax(DecodingContext.Row(logits, i - from, vocabulary));
        var m = from + TokenAcceptance.LeadingAccepted(context.Actions, draft[from..n], _verdicts.AsSpan(from, n - from), tolerance);
        draft[from..m].CopyTo(tokens[from..]);
        if (m < n)
            tokens[m] = _verdicts[m];
        var statistics = context.Statistics;
        statistics.DraftTokensProposed += n - from;
        statistics.DraftTokensAccepted += m - from;
        return m;
    }
}
