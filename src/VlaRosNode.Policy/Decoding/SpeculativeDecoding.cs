namespace VlaRosNode.Policy.Decoding;

/// <summary>Settings of <c>spec</c> (Spec-VLA's drafter speculative decoding).</summary>
public sealed record SpecOptions
{
    /// <summary>Relaxed acceptance r in action bins (Spec-VLA: 9); 0 is exact speculative decoding.</summary>
    public int Tolerance { get; init; } = 9;

    /// <summary>After a rejection: false = the target regenerates the rest token by token; true = the drafter
    /// drafts the rest again and the target verifies it (rounds until the action is complete).</summary>
    public bool Redraft { get; init; }

    /// <summary>Draft tokens per verification pass (parameter <c>draft_length</c>).</summary>
    public DraftingOptions Drafting { get; init; } = new();
}

/// <summary>
/// <c>spec</c>: the drafter proposes <see cref="DraftingOptions.DraftLength"/> action tokens (all 7 by default), the
/// target verifies them together with the prefix in one pass, relaxed acceptance keeps the leading tokens within r
/// bins, and the target's own token from the same pass follows them: the correction of the first rejected one, or,
/// when all stood, the next token, after which drafting goes on. After a rejection the rest is regenerated
/// (<see cref="SpecOptions.Redraft"/>).
/// </summary>
public sealed class SpeculativeDecoding : IDecodingStrategy
{
    private readonly DraftVerification _verification = new();
    private int[] _draft = [];

    public SpeculativeDecoding(SpecOptions options)
    {
        if (options.Drafting.DraftLength < 1)
            throw new ArgumentException($"draft_length is {options.Drafting.DraftLength}; the drafter must propose at least 1 token per verification", nameof(options));
        Options = options;
    }

    public string Name => "spec";
    public SpecOptions Options { get; }

    public void Decode(DecodingContext context, Span<int> tokens)
    {
        context.Statistics.Branch = "drafter";
        var rejected = ProposeAndVerify(context, tokens, Options.Tolerance);
        Complete(context, tokens, rejected, Options.Tolerance);
    }

    /// <summary>The drafted verifications and, as if the first draft token had been rejected, the regeneration (or
    /// redraft) passes. Nothing is remembered between steps.</summary>
    public void WarmUp(DecodingContext context, Span<int> tokens)
    {
        ProposeAndVerify(context, tokens, Options.Tolerance);
        Complete(context, tokens, 0, Options.Tolerance);
    }

    /// <summary>Drafts and verifies from the prefix until a draft token is rejected or the action is complete.
    /// Returns the first rejected position m (tokens[0..m) decided, tokens[m] the target's correction), or n.</summary>
    internal int ProposeAndVerify(DecodingContext context, Span<int> tokens, int tolerance) => DraftUntilRejected(context, tokens, 0, tolerance);

    /// <summary>Finishes an action whose token at <paramref name="rejected"/> is the target's correction of a
    /// rejected draft (nothing to do when <paramref name="rejected"/> is n).</summary>
    internal void Complete(DecodingContext context, Span<int> tokens, int rejected, int tolerance)
    {
        var n = tokens.Length;
        while (rejected < n - 1)
        {
            var from = rejected + 1;
            if (!Options.Redraft)
            {
                TargetCompletion.Fill(context, tokens, from, n, cached: rejected);
                return;
            }
            rejected = DraftUntilRejected(context, tokens, from, tolerance);
        }
    }

    /// <summary>Rounds of draft_length drafts verified in one target pass each, from position <paramref name="from"/>
    /// (tokens[0..from) decided); returns the first rejected position, or n.</summary>
    private int DraftUntilRejected(DecodingContext context, Span<int> tokens, int from, int tolerance)
    {
        var n = tokens.Length;
        if (_draft.Length != n)
            _draft = new int[n];
        while (true)
        {
            var end = Math.Min(from + Options.Drafting.DraftLength, n);
            DrafterProposal.Propose(context, tokens, _draft, from, end);
            var stood = from == 0
                ? _verification.FromPrefix(context, tokens, _draft, end, tolerance)
                : _verification.Continue(context, tokens, _draft, from, end, tolerance);
            if (stood < end)
                return stood;
            from = end + 1; // every draft stood; tokens[end] is the target's next token
            if (from >= n)
                return n;
        }
    }
}
