using VlaRosNode.Kinematics.Geometry;

namespace VlaRosNode.Kinematics.Features;

/// <summary>
/// Motion features of the end effector over the last <c>window</c> samples of a <see cref="PoseHistory"/>
/// (HeiSD's R and D, DyQ's fineness M and angular jerk J, and speed). Each takes its own window length.
/// </summary>
public static class KinematicFeatures
{
    /// <summary>Path length over the window divided by its time span (m/s).</summary>
    public static double Speed(PoseHistory history, int window)
    {
        var w = history.Latest(RequireAtLeast(window, 2));
        return Displacement(w) / (w.Time(w.Length - 1) - w.Time(0));
    }

    /// <summary>HeiSD's D: the sum of |P(i+1) - P(i)| over the window (m).</summary>
    public static double Displacement(PoseHistory history, int window) =>
        Displacement(history.Latest(RequireAtLeast(window, 2)));

    /// <summary>HeiSD's R: radius of the circle fitted to the centred window (m); +infinity on a straight path.</summary>
    public static double CurvatureRadius(PoseHistory history, int window) =>
        CircleFit.Radius(history.Latest(RequireAtLeast(window, 3)));

    /// <summary>
    /// DyQ's motion fineness M: the inverse of the mean translation per step over the window (1/m), with the
    /// translation floored at <paramref name="minTranslation"/> so a still arm gives a large finite value.
    /// </summary>
    public static double MotionFineness(PoseHistory history, int window, double minTranslation = 1e-6)
    {
        var w = history.Latest(RequireAtLeast(window, 2));
        return 1 / Math.Max(Displacement(w) / (w.Length - 1), minTranslation);
    }

    /// <summary>
    /// DyQ's angular jerk J: mean magnitude of the third time derivative of orientation over the window
    /// (rad/s^3). Angular velocities come from the rotation between consecutive poses and are differenced
    /// twice at the midpoints of their intervals.
    /// </summary>
    public static double AngularJerk(PoseHistory history, int window)
    {
        var w = history.Latest(RequireAtLeast(window, 4));
        var n = w.Length;
        Span<Vector3d> rate = stackalloc Vector3d[n - 1];
        Span<double> at = stackalloc double[n - 1];
        for (var i = 0; i < n - 1; i++)
        {
            var relative = w.Pose(i + 1).Rotation * w.Pose(i).Rotation.Transposed();
            rate[i] = relative.ToRotationVector() / (w.Time(i + 1) - w.Time(i));
            at[i] = (w.Time(i) + w.Time(i + 1)) / 2;
        }
        // Two more divided differences turn angular velocity into jerk; each shortens the series by one.
        for (var order = 0; order < 2; order++)
        {
            var count = rate.Length - 1;
            for (var i = 0; i < count; i++)
            {
                rate[i] = (rate[i + 1] - rate[i]) / (at[i + 1] - at[i]);
                at[i] = (at[i] + at[i + 1]) / 2;
            }
            rate = rate[..count];
            at = at[..count];
        }
        var sum = 0.0;
        foreach (var jerk in rate)
            sum += jerk.Length;
        return sum / rate.Length;
    }

    private static double Displacement(PoseWindow w)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < w.Length; i++)
            sum += Vector3d.Distance(w.Position(i + 1), w.Position(i));
        return sum;
    }

    private static int RequireAtLeast(int window, int minimum) =>
        window >= minimum ? window : throw new ArgumentOutOfRangeException(nameof(window), $"this feature needs a window of at least {minimum} samples, got {window}");
}
