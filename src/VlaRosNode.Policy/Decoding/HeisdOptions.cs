using VlaRosNode.Kinematics.Features;

namespace VlaRosNode.Policy.Decoding;

/// <summary>When HeiSD executes a retrieved draft without verifying it.</summary>
public enum VerifySkip
{
    /// <summary>Always verify.</summary>
    None,

    /// <summary>The paper: skip when the top-1 similarity reaches the lowest similarity whose top-1 draft a
    /// verification accepted whole so far.</summary>
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

    /// <summary>Unverified retrieval steps before a verified one in <see cref="VerifySkip.FixedPattern"/> (code: 2).</summary>
    public int SkipRun { get; init; } = 2;

    /// <summary>The adaptive skip threshold before any verification accepted a draft (+infinity: never skip until then).</summary>
    public double InitialSkipSimilarity { get; init; } = double.PositiveInfinity;

    /// <summary>Relaxed acceptance r of the drafter branch (Spec-VLA's 9).</summary>
    public int DrafterTolerance { get; init; } = 9;

    /// <summary>Sequence-wise limits (paper 15 and 30 inclusive; code 25 and 45 exclusive).</summary>
    public int MaxTokenDeviation { get; init; } = 15;
    public int MaxSumDeviation { get; init; } = 30;
    public bool ExclusiveLimits { get; init; }
    public bool MixCandidates { get; init; } = true;

    public SequenceLimits Limits => new()
    {
        MaxTokenDeviation = MaxTokenDeviation, MaxSumDeviation = MaxSumDeviation, Exclusive = ExclusiveLimits, MixCandidates = MixCandidates,
    };
}
