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

    /// <summary>
    /// <see cref="Fill(DecodingContext, Span{int}, int, int, int)"/>, the same greedy tokens, with a guess at them
    /// checked on the way: the first pass also runs guess[from..to - 1), so every leading guessed token that equals
    /// the target's choice costs no pass of its own (speculative decoding with r = 0). HeiSD guesses with its top
    /// candidate where it rejected that candidate's sequence.
    /// </summary>
    public static int Fill(DecodingContext context, Span<int> tokens, int from, int to, int cached, ReadOnlySpan<int> guess)
    {
        if (from >= to)
            return cached;
        var target = context.Target;
        var vocabulary = target.VocabularySize;
        var guessed = guess[from..(to - 1)];
        scoped ReadOnlySpan<float> rows; // row i: the target's distribution at position from + i
        Span<int> fed = stackalloc int[to];
        if (from == 0)
            rows = context.Prefill(target, guessed);
        else
        {
            var keep = Math.Min(cached, from - 1);
            target.Rollback(context.PrefixLength + keep);
            fed = fed[..(from - keep + guessed.Length)];
            tokens[keep..from].CopyTo(fed);
            guessed.CopyTo(fed[(from - keep)..]);
            rows = context.Feed(target, fed)[((from - keep - 1) * vocabulary)..];
        }
        var i = from;
        while (true)
        {
            tokens[i] = DecodingContext.ArgMax(DecodingContext.Row(rows, i - from, vocabulary));
            if (i == to - 1 || tokens[i] != guess[i])
                break;
            i++;
        }
        // The cache holds tokens[0..i): the guesses up to i stood.
        return i == to - 1 ? i : Fill(context, tokens, i + 1, to, i);
    }
}
