using VlaRosNode.Kinematics.Features;

namespace VlaRosNode.Policy.Dyq;

/// <summary>One evaluation of DyQ's proxies: raw motion fineness M and angular jerk J, and the fused score S.</summary>
public readonly record struct KinematicScore(double Fineness, double Jerk, double Score)
{
    /// <summary>
    /// S = max(0, lambda M~ + (1 - lambda) J~) over the latest windows of <paramref name="history"/>, M~ and J~
    /// normalised to [0, 1] (<see cref="DyqOptions.Normalization"/>). False until the history holds both windows.
    /// </summary>
    public static bool TryCompute(PoseHistory history, DyqOptions options, out KinematicScore score)
    {
        if (history.Count < Math.Max(options.FinenessWindow, options.JerkWindow))
        {
            score = new KinematicScore(double.NaN, double.NaN, double.NaN);
            return false;
        }
        var m = KinematicFeatures.MotionFineness(history, options.FinenessWindow);
        var j = KinematicFeatures.AngularJerk(history, options.JerkWindow);
        score = new KinematicScore(m, j, Fuse(m, j, options));
        return true;
    }

    /// <summary>S from raw proxies with the options' normalisation ranges and weight.</summary>
    public static double Fuse(double fineness, double jerk, DyqOptions options) => Math.Max(0,
        options.Lambda * ProxyNormalization.Normalize(fineness, options.FinenessMin, options.FinenessMax, options.Normalization)
        + (1 - options.Lambda) * ProxyNormalization.Normalize(jerk, options.JerkMin, options.JerkMax, options.Normalization));
}
