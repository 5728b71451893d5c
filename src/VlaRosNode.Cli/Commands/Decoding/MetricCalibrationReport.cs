using System.Globalization;
using MathNet.Numerics.Statistics;
using VlaRosNode.Kinematics.Features;
using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Cli.Commands.Decoding;

/// <summary>
/// What <c>vla datastore build</c> prints about HeiSD's fused metric on the trajectories it kept: their R and D, how
/// the released code's ranges (our defaults, calibrated on LIBERO) and ranges calibrated on these trajectories split
/// the steps between retrieval and the drafter, and the calibrated ranges as heisd parameters.
/// </summary>
internal static class MetricCalibrationReport
{
    public static void Write(FusedMetricSamples samples, TextWriter output)
    {
        var defaults = new HeisdOptions().Metric with { Window = samples.Window };
        var finite = samples.Radii.Where(double.IsFinite).ToArray();
        if (finite.Length == 0 || samples.Displacements.Count == 0)
        {
            output.WriteLine($"HeiSD's fused metric: no kept trajectory has a full window of {samples.Window} poses with a finite curvature radius; nothing to calibrate");
            return;
        }
        var calibrated = samples.Calibrate(defaults);
        output.WriteLine(Invariant($"HeiSD's fused metric on the kept trajectories (window {samples.Window}, {samples.Count} steps, {samples.Count - finite.Length} straight): R median {finite.Median():G3} m, D median {samples.Displacements.Median():G3} m"));
        output.WriteLine(Invariant($"  steps sent to retrieval (F > {defaults.Threshold}): {100 * samples.RetrievalShare(defaults):F1}% with the released code's ranges (R {defaults.RadiusMin:G3}..{defaults.RadiusMax:G3}, D {defaults.DisplacementMin:G3}..{defaults.DisplacementMax:G3}), {100 * samples.RetrievalShare(calibrated):F1}% with ranges calibrated here (min..95th percentile)"));
        output.WriteLine(Invariant($"  calibrated: heisd:window={samples.Window},radius-min={calibrated.RadiusMin:R},radius-max={calibrated.RadiusMax:R},displacement-min={calibrated.DisplacementMin:R},displacement-max={calibrated.DisplacementMax:R} (policy node: heisd.window, heisd.radius_min, ...)"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
