using MathNet.Numerics.Statistics;

namespace VlaRosNode.Kinematics.Features;

/// <summary>
/// HeiSD's fused kinematic metric F = Alpha Norm(R) + (1 - Alpha) Norm(D). Defaults are the released code's
/// (window 5; the paper uses 15) and calibration ranges; recalibrate per task suite with <see cref="Calibrate"/>.
/// </summary>
public sealed record FusedMetricOptions
{
    public int Window { get; init; } = 5;
    public double Alpha { get; init; } = 0.5;
    public double RadiusMin { get; init; } = 1e-6;
    public double RadiusMax { get; init; } = 0.0169;
    public double DisplacementMin { get; init; } = 9e-6;
    public double DisplacementMax { get; init; } = 0.139;

    /// <summary>F above this favours retrieval drafts (fast, straight motion); at or below, the drafter.</summary>
    public double Threshold { get; init; } = 0.143;

    /// <summary>
    /// Ranges from observed R and D values: the minimum, and the <paramref name="topPercentile"/>-th percentile as
    /// the maximum (the paper clips the top at the 95th). Infinite radii (straight segments) are left out.
    /// </summary>
    public FusedMetricOptions Calibrate(IEnumerable<double> radii, IEnumerable<double> displacements, double topPercentile = 95)
    {
        var r = radii.Where(double.IsFinite).ToArray();
        var d = displacements.Where(double.IsFinite).ToArray();
        if (r.Length == 0 || d.Length == 0)
            throw new ArgumentException("calibration needs finite radius and displacement samples");
        var p = (int)Math.Round(topPercentile);
        return this with
        {
            RadiusMin = r.Min(), RadiusMax = r.Percentile(p),
            DisplacementMin = d.Min(), DisplacementMax = d.Percentile(p),
        };
    }
}
