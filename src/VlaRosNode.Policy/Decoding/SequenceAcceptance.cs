using VlaRosNode.Policy.Actions;

namespace VlaRosNode.Policy.Decoding;

/// <summary>HeiSD's limits for accepting a sequence of a retrieved candidate (paper defaults; the released code
/// uses sum &lt; 45 and max &lt; 25).</summary>
public sealed record SequenceLimits
{
    /// <summary>Largest bin deviation of any one token of the sequence.</summary>
    public int MaxTokenDeviation { get; init; } = 15;

    /// <summary>Largest summed bin deviation over the sequence.</summary>
    public int MaxSumDeviation { get; init; } = 30;

    /// <summary>true: the limits are exclusive (the code's "&lt;"); false: inclusive (the paper's "&lt;=").</summary>
    public bool ExclusiveLimits { get; init; }

    /// <summary>Whether sequences may come from different candidates (HeiSD: yes, except the gripper). With
    /// false every sequence needs a candidate that agrees exactly with what was chosen before it.</summary>
    public bool MixCandidates { get; init; } = true;

    public bool Within(int deviation, int limit) => ExclusiveLimits ? deviation < limit : deviation <= limit;
}

/// <summary>
/// HeiSD's sequence-wise relaxed acceptance over K candidates verified in one target pass: for each sequence,
/// the first candidate (in retrieval order) whose tokens are all within the per-token limit of the target's
/// argmax and whose summed deviation is within the sum limit; exact sequences need zero deviation and no mixing.
/// </summary>
public static class SequenceAcceptance
{
    /// <summary>
    /// The candidate whose <paramref name="sequence"/> stands, or -1 (decode it autoregressively).
    /// <paramref name="candidates"/> and <paramref name="verdicts"/> are [k, n]: verdicts[c, j] is the target's
    /// argmax at position j given candidate c's tokens before j. <paramref name="chosen"/> holds the tokens
    /// already decided, [0, sequence.Start).
    /// </summary>
    public static int Choose(ActionTokenizer actions, ActionSequence sequence, ReadOnlySpan<int> candidates, ReadOnlySpan<int> verdicts,
        int k, ReadOnlySpan<int> chosen, SequenceLimits limits)
    {
        var n = candidates.Length / k;
        for (var c = 0; c < k; c++)
        {
            var candidate = candidates.Slice(c * n, n);
            if ((sequence.Exact || !limits.MixCandidates) && !candidate[..sequence.Start].SequenceEqual(chosen[..sequence.Start]))
                continue;
            if (Passes(actions, sequence, candidate, verdicts.Slice(c * n, n), limits))
                return c;
        }
        return -1;
    }

    private static bool Passes(ActionTokenizer actions, ActionSequence sequence, ReadOnlySpan<int> candidate, ReadOnlySpan<int> verdict, SequenceLimits limits)
    {
        long sum = 0;
        for (var j = sequence.Start; j < sequence.End; j++)
        {
            var deviation = TokenAcceptance.BinDistance(actions, candidate[j], verdict[j]);
            if (sequence.Exact ? deviation != 0 : !limits.Within(deviation, limits.MaxTokenDeviation))
                return false;
            sum += deviation;
        }
        return sequence.Exact || limits.Within((int)Math.Min(sum, int.MaxValue), limits.MaxSumDeviation);
    }
}
