namespace VlaRosNode.Policy.Dyq;

/// <summary>
/// Settings of DyQ-VLA's kinematics-driven precision switch. Windows (10, 5), the full-precision threshold (0.5) and
/// the up-at-once / down-after-a-delay rule are the paper's; the paper gives no fusion weight, normalisation ranges
/// or delay, so <see cref="Lambda"/> is an even split, the ranges come from <c>vla dyq calibrate</c> (the defaults are
/// the 5th/95th percentiles of four expert demonstration bags, <c>vla sim demos --suite all --episodes 4 --seed 7
/// --bag mcap</c>, rounded) and <see cref="HoldSeconds"/> is 0.2 s (four control steps at 20 Hz).
/// </summary>
public sealed record DyqOptions
{
    /// <summary>End-effector samples the motion fineness M is taken over (paper: 10).</summary>
    public int FinenessWindow { get; init; } = 10;

    /// <summary>End-effector samples the angular jerk J is taken over (paper: 5).</summary>
    public int JerkWindow { get; init; } = 5;

    /// <summary>S = max(0, lambda M~ + (1 - lambda) J~).</summary>
    public double Lambda { get; init; } = 0.5;

    /// <summary>The scale M and J are normalised on between their ranges. The paper says only "normalised"; log is
    /// our choice (see <see cref="ProxyScale"/>); linear is HeiSD's Norm.</summary>
    public ProxyScale Normalization { get; init; } = ProxyScale.Log;

    /// <summary>Ranges that normalise M (1/m per step) and J (rad/s^3) to [0, 1], on <see cref="Normalization"/>'s scale.</summary>
    public double FinenessMin { get; init; } = 35;
    public double FinenessMax { get; init; } = 125;
    public double JerkMin { get; init; } = 80;
    public double JerkMax { get; init; } = 530;

    /// <summary>S above this runs the full-precision computation (paper: 0.5).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>How long (seconds of the pose stream's own stamps) a lower precision must be asked for before the
    /// switch down happens; a higher one is taken at once.</summary>
    public double HoldSeconds { get; init; } = 0.2;

    /// <summary>The precision run when S is above the threshold (and until the windows are full).</summary>
    public string FullPrecision { get; init; } = "int4:acc0";

    /// <summary>Below the threshold: S up to <c>Map[i].MaxScore</c> runs <c>Map[i].Precision</c> (the first that fits).</summary>
    public PrecisionMap Map { get; init; } = new([new PrecisionBand(0.5, "int4:acc4")]);

    /// <summary>Every precision the controller can choose, full precision first.</summary>
    public IReadOnlyList<string> Precisions => [FullPrecision, .. Map.Bands.Select(b => b.Precision).Where(p => p != FullPrecision).Distinct()];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (FinenessWindow < 2)
            throw new ArgumentException($"dyq fineness window {FinenessWindow}: needs at least 2 samples");
        if (JerkWindow < 4)
            throw new ArgumentException($"dyq jerk window {JerkWindow}: needs at least 4 samples (three differences)");
        if (Lambda is < 0 or > 1 || double.IsNaN(Lambda))
            throw new ArgumentException($"dyq lambda {Lambda}: expected [0, 1]");
        if (!(FinenessMax > FinenessMin) || !(JerkMax > JerkMin))
            throw new ArgumentException($"dyq normalisation ranges [{FinenessMin}, {FinenessMax}] and [{JerkMin}, {JerkMax}] must each have max > min");
        if (Normalization == ProxyScale.Log && !(FinenessMin > 0 && JerkMin > 0))
            throw new ArgumentException($"dyq log normalisation needs ranges above 0 (fineness_min {FinenessMin}, jerk_min {JerkMin})");
        if (!double.IsFinite(Threshold))
            throw new ArgumentException($"dyq threshold {Threshold} is not finite");
        if (!(HoldSeconds >= 0))
            throw new ArgumentException($"dyq hold time {HoldSeconds} s must be >= 0");
        if (string.IsNullOrWhiteSpace(FullPrecision))
            throw new ArgumentException("dyq full precision is empty");
    }
}
