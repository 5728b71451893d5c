namespace VlaRosNode.Policy.Decoding;

/// <summary>
/// Checks draft[from..end) against the target in one pass and keeps its accepted leading tokens
/// (<see cref="TokenAcceptance"/>). The same pass holds the target's own token for the position after them: the
/// correction of the first rejected draft, or, when all stood and the action goes on, its next token. Either is
/// written at no extra cost.
/// </summary>
public sealed class DraftVerification
{
    private int[] _verdicts = [];

    /// <summary>Runs the prefix and draft[0..end) (the last action position needs no verdict after it) through the
    /// target in one pass. Returns m, the accepted count: tokens[0..m) = draft[0..m), and when m &lt; n tokens[m] is
    /// the target's token. The target's cache then holds at least tokens[0..m).</summary>
    public int FromPrefix(DecodingContext context, Span<int> tokens, ReadOnlySpan<int> draft, int end, int tolerance)
    {
        var logits = context.Prefill(context.Target, draft[..Fed(tokens.Length, end)]);
        return Accept(context, tokens, draft, logits, 0, end, tolerance);
    }

    /// <summary>A later round: tokens[0..from) are decided and the target's cache holds at least tokens[0..from-1);
    /// feeds tokens[from-1] and draft[from..end) in one pass and accepts from position <paramref name="from"/>;
    /// returns the position after the accepted drafts, as <see cref="FromPrefix"/>.</summary>
    public int Continue(DecodingContext context, Span<int> tokens, ReadOnlySpan<int> draft, int from, int end, int tolerance)
    {
        context.Target.Rollback(context.PrefixLength + from - 1);
        Span<int> fed = stackalloc int[Fed(tokens.Length, end) - from + 1];
        fed[0] = tokens[from - 1];
        draft[from..Fed(tokens.Length, end)].CopyTo(fed[1..]);
        var logits = context.Feed(context.Target, fed);
        return Accept(context, tokens, draft, logits, from, end, tolerance);
    }

    /// <summary>Drafts the target is fed: up to <paramref name="end"/>, but not the action's last token (nothing follows it).</summary>
    private static int Fed(int n, int end) => Math.Min(end, n - 1);

    /// <summary><paramref name="logits"/> row i is the target's distribution for position from + i, up to position
    /// end (or n - 1).</summary>
    private int Accept(DecodingContext context, Span<int> tokens, ReadOnlySpan<int> draft, ReadOnlySpan<float> logits, int from, int end, int tolerance)
    {
        var n = tokens.Length;
        if (_verdicts.Length < n)
            _verdicts = new int[n];
        var vocabulary = context.Target.VocabularySize;
        var last = Fed(n, end);
        for (var i = from; i <= last; i++)
            _verdicts[i] = DecodingContext.ArgMax(DecodingContext.Row(logits, i - from, vocabulary));
        var m = from + TokenAcceptance.LeadingAccepted(context.Actions, draft[from..end], _verdicts.AsSpan(from, end - from), tolerance);
        draft[from..m].CopyTo(tokens[from..]);
        if (m < n)
            tokens[m] = _verdicts[m];
        var statistics = context.Statistics;
        statistics.DraftTokensProposed += end - from;
        statistics.DraftTokensAccepted += m - from;
        return m;
    }
}
