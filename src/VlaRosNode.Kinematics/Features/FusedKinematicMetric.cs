namespace VlaRosNode.Kinematics.Features;

/// <summary>HeiSD's switch between retrieval and drafter speculative decoding (see <see cref="FusedMetricOptions"/>).</summary>
public static class FusedKinematicMetric
{
    /// <summary>Min-max normalisation clipped to [0, 1]; +infinity maps to 1.</summary>
    public static double Normalize(double value, double min, double max) =>
        max > min ? Math.Clamp((value - min) / (max - min), 0, 1) : throw new ArgumentException($"empty range [{min}, {max}]");

    public static double Compute(double radius, double displacement, FusedMetricOptions options) =>
        options.Alpha * Normalize(radius, options.RadiusMin, options.RadiusMax)
        + (1 - options.Alpha) * Normalize(displacement, options.DisplacementMin, options.DisplacementMax);

    /// <summary>F over the latest window; false until the history holds a full window (decode autoregressively then).</summary>
    public static bool TryCompute(PoseHistory history, FusedMetricOptions options, out double fused)
    {
        if (history.Count < options.Window)
        {
            fused = double.NaN;
            return false;
        }
        fused = Compute(
            KinematicFeatures.CurvatureRadius(history, options.Window),
            KinematicFeatures.Displacement(history, options.Window),
            options);
        return true;
    }

    public static bool FavoursRetrieval(double fused, FusedMetricOptions options) => fused > options.Threshold;
}
