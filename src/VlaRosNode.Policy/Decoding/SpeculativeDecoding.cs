namespace VlaRosNode.Policy.Decoding;

/// <summary>Settings of <c>spec</c> (Spec-VLA's drafter speculative decoding).</summary>
public sealed record SpecOptions
{
    /// <summary>Relaxed acceptance r in action bins (Spec-VLA: 9); 0 is exact speculative decoding.</summary>
    public int Tolerance { get; init; } = 9;

    /// <summary>After a rejection: false = the target regenerates the rest token by token; true = the drafter
    /// drafts the rest again and the target verifies it in one more pass (rounds until the action is complete).</summary>
    public bool Redraft { get; init; }
}

/// <summary>
/// <c>spec</c>: the drafter proposes all action tokens, the target verifies them together with the prefix in
/// one pass, relaxed acceptance keeps the leading tokens within r bins, the target's own token replaces the
/// first rejected one, and the rest is regenerated (<see cref="SpecOptions.Redraft"/>).
/// </summary>
public sealed class SpeculativeDecoding(SpecOptions options) : IDecodingStrategy
{
    private readonly DraftVerification _verification = new();
    private int[] _draft = [];

    public string Name => "spec";
    public SpecOptions Options { get; } = options;

    public void Decode(DecodingContext context, Span<int> tokens)
    {
        context.Statistics.Branch = "drafter";
        var accepted = ProposeAndVerify(context, tokens, Options.Tolerance);
        Complete(context, tokens, accepted, Options.Tolerance);
    }

    /// <summary>The drafted verification and, as if the first draft token had been rejected, the regeneration (or
    /// redraft) passes. Nothing is remembered between steps.</summary>
    public void WarmUp(DecodingContext context, Span<int> tokens)
    {
        ProposeAndVerify(context, tokens, Options.Tolerance);
        Complete(context, tokens, 0, Options.Tolerance);
    }

    /// <summary>Drafts all tokens and verifies them (see <see cref="DraftVerification.FromPrefix"/>); returns
    /// the accepted count m (tokens[m] holds the target's correction when m &lt; n).</summary>
    internal int ProposeAndVerify(DecodingContext context, Span<int> tokens, int tolerance)
    {
        if (_draft.Length != tokens.Length)
            _draft = new int[tokens.Length];
        DrafterProposal.All(context, _draft);
        return _verification.FromPrefix(context, tokens, _draft, tolerance);
    }

    /// <summary>Finishes an action whose first <paramref name="accepted"/> drafts stood and whose next token is
    /// the target's correction.</summary>
    internal void Complete(DecodingContext context, Span<int> tokens, int accepted, int tolerance)
    {
        var n = tokens.Length;
        while (accepted < n - 1)
        {
            var from = accepted + 1;
            if (!Options.Redraft)
            {
                TargetCompletion.Fill(context, tokens, from, n, cached: accepted);
                return;
            }
            DrafterProposal.From(context, tokens, _draft, from);
            accepted = _verification.Continue(context, tokens, _draft, from, tolerance);
        }
    }
}
