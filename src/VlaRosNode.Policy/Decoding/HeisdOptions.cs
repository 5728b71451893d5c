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
    /// <summary>End-effector positions in the fused metric's window (paper 15, code 5); AR until that many exist.</summary>
    public int Window { get; init; } = 15;

    /// <summary>Weight and calibrated normalisation ranges and threshold, defaulting to the kinematics library's
    /// (the code's values; recalibrate per suite).</summary>
    public double Alpha { get; init; } = Calibrated.Alpha;
    public double RadiusMin { get; init; } = Calibrated.RadiusMin;
    public double RadiusMax { get; init; } = Calibrated.RadiusMax;
    public double DisplacementMin { get; init; } = Calibrated.DisplacementMin;
    public double DisplacementMax { get; init; } = Calibrated.DisplacementMax;
    public double Threshold { get; init; } = Calibrated.Threshold;

    private static readonly FusedMetricOptions Calibrated = new();

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

    public FusedMetricOptions Metric => new()
    {
        Window = Window, Alpha = Alpha, RadiusMin = RadiusMin, RadiusMax = RadiusMax,
        DisplacementMin = DisplacementMin, DisplacementMax = DisplacementMax, Threshold = Threshold,
    };

    public SequenceLimits Limits => new()
    {
        MaxTokenDeviation = MaxTokenDeviation, MaxSumDeviation = MaxSumDeviation, Exclusive = ExclusiveLimits, MixCandidates = MixCandidates,
    };
}
