using VlaRosNode.Kinematics.Features;

namespace VlaRosNode.Policy.Decoding;

/// <summary>When HeiSD executes a retrieved draft without verifying it.</summary>
public enum VerifySkip
{
    /// <summary>Always verify.</summary>
    None,

    /// <summary>The paper: skip when the top-1 similarity reaches the lowest similarity whose top-1 draft a
    /// verification accepted whole so far; ours: a verification that rejects it raises the threshold above its
    /// similarity, and at most <see cref="HeisdOptions.SkipRun"/> retrieval steps in a row go unverified, so the
    /// threshold keeps getting feedback.</summary>
    Adaptive,

    /// <summary>The released code: <see cref="HeisdOptions.SkipRun"/> retrieval steps unverified, then one verified.</summary>
    FixedPattern,
}

/// <summary>Settings of <c>heisd</c>; paper defaults, the released code's values in the comments.</summary>
public sealed record HeisdOptions
{
    /// <summary>The fused metric: the kinematics library's weight, calibrated ranges and threshold (the code's values;
    /// recalibrate per suite), with the paper's window of 15 end-effector positions (code 5); AR until that many exist.
    /// Its settings are strategy parameters by their own names (<c>window</c>, <c>alpha</c>, ...).</summary>
    public FusedMetricOptions Metric { get; init; } = new() { Window = 15 };

    /// <summary>Retrieved candidates verified together.</summary>
    public int TopK { get; init; } = 5;

    public VerifySkip VerifySkip { get; init; } = VerifySkip.Adaptive;

    /// <summary>Unverified retrieval steps before a verified one in <see cref="VerifySkip.FixedPattern"/> (code: 2); the
    /// most in a row in <see cref="VerifySkip.Adaptive"/>.</summary>
    public int SkipRun { get; init; } = 2;

    /// <summary>The adaptive skip threshold before any verification accepted a draft (+infinity: never skip until then).</summary>
    public double InitialSkipSimilarity { get; init; } = double.PositiveInfinity;

    /// <summary>A sequence no candidate passes is decoded greedily by the target either way; true (ours): the top
    /// candidate's tokens of it are checked on the way with r = 0, so each leading one the target agrees with costs no
    /// pass (the same tokens, fewer passes); false: token by token, as the paper.</summary>
    public bool GuessFromCandidate { get; init; } = true;

    /// <summary>True (ours): a retrieved draft whose gripper command differs from the one the arm executed last step is
    /// verified even where verify-skip would skip it, so the gripper never opens or closes on an unchecked draft (a
    /// neighbour from another phase of the task, e.g. the other stage of a two-stage task); false: the paper's rule alone.</summary>
    public bool VerifyGripperChange { get; init; } = false;

    /// <summary>Relaxed acceptance r of the drafter branch (Spec-VLA's 9).</summary>
    public int DrafterTolerance { get; init; } = 9;

    /// <summary>Draft tokens per verification in the drafter branch (parameter <c>draft_length</c>); retrieved
    /// drafts are whole actions.</summary>
    public DraftingOptions Drafting { get; init; } = new();

    /// <summary>Sequence-wise acceptance limits (paper 15 and 30 inclusive; code 25 and 45 exclusive). Its settings are
    /// strategy parameters by their own names (<c>max_token_deviation</c>, ..., <c>exclusive_limits</c>).</summary>
    public SequenceLimits Limits { get; init; } = new();
}
