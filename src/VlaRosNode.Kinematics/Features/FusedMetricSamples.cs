namespace VlaRosNode.Kinematics.Features;

/// <summary>
/// HeiSD's R and D at every step of recorded trajectories whose window is full: what the fused metric's ranges are
/// calibrated from ("calibrated per task suite"), and what tells how a set of ranges splits those steps between
/// retrieval and the drafter.
/// </summary>
public sealed class FusedMetricSamples
{
    private readonly List<double> _radii = [];
    private readonly List<double> _displacements = [];

    public FusedMetricSamples(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 3); // a circle fit needs three poses
        Window = window;
    }

    public int Window { get; }
    public int Count => _radii.Count;
    public IReadOnlyList<double> Radii => _radii;
    public IReadOnlyList<double> Displacements => _displacements;

    /// <summary>Samples the latest window of <paramref name="history"/>; false (nothing added) while it is not full.</summary>
    public bool Add(PoseHistory history)
    {
        if (history.Count < Window)
            return false;
        _radii.Add(KinematicFeatures.CurvatureRadius(history, Window));
        _displacements.Add(KinematicFeatures.Displacement(history, Window));
        return true;
    }

    public void AddRange(FusedMetricSamples other)
    {
        if (other.Window != Window)
            throw new ArgumentException($"samples over a window of {other.Window} poses do not join samples over {Window}", nameof(other));
        _radii.AddRange(other._radii);
        _displacements.AddRange(other._displacements);
    }

    public void Clear()
    {
        _radii.Clear();
        _displacements.Clear();
    }

    /// <summary><paramref name="start"/> with this window and ranges from these samples (see
    /// <see cref="FusedMetricOptions.Calibrate"/>).</summary>
    public FusedMetricOptions Calibrate(FusedMetricOptions start, double topPercentile = 95) =>
        (start with { Window = Window }).Calibrate(_radii, _displacements, topPercentile);

    /// <summary>The share of the samples <paramref name="options"/> send to retrieval (F above its threshold).</summary>
    public double RetrievalShare(FusedMetricOptions options)
    {
        if (Count == 0)
            throw new InvalidOperationException("no samples: every trajectory was shorter than the window");
        var retrieval = 0;
        for (var i = 0; i < Count; i++)
            if (FusedKinematicMetric.FavoursRetrieval(FusedKinematicMetric.Compute(_radii[i], _displacements[i], options), options))
                retrieval++;
        return (double)retrieval / Count;
    }
}
