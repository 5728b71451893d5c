using VlaRosNode.Messages.TrajectoryMsgs;

namespace VlaRosNode.Nodes.Simulation;

/// <summary>
/// Follows trajectory_msgs/JointTrajectory the way ros2_controllers' joint_trajectory_controller does: a message is
/// validated (known, unique joint names covering every arm joint; points with matching sizes and finite values;
/// strictly increasing time_from_start; not ending in the past), then replaces the running trajectory at its start
/// time (header.stamp, or "now" when zero), starting from the current state. Between points positions are
/// interpolated linearly, or by cubic Hermite splines where both points carry velocities. Velocity limits are the
/// arm's (the simulated arm cannot follow faster). Stricter than the controller: positions outside the joint
/// limits are rejected. The optional finger joint commands the gripper: below half open means close.
/// </summary>
public sealed class TrajectoryExecutor
{
    private readonly string[] _armJoints;
    private readonly double[] _lower, _upper;
    private readonly string _fingerJoint;
    private readonly double _fingerOpen;

    // The accepted trajectory, in arm joint order: knot times (ns), positions, velocities (null rows = none).
    private long[] _times = [];
    private double[][] _positions = [];
    private double[]?[] _velocities = [];
    private double?[] _finger = [];

    public TrajectoryExecutor(IReadOnlyList<string> armJoints, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, string fingerJoint, double fingerOpen)
    {
        _armJoints = [.. armJoints];
        _lower = lower.ToArray();
        _upper = upper.ToArray();
        _fingerJoint = fingerJoint;
        _fingerOpen = fingerOpen;
    }

    /// <summary>True while a trajectory is loaded (it is kept after its end: the arm holds the last point).</summary>
    public bool Active => _times.Length > 0;

    /// <summary>Drops the trajectory (a new episode).</summary>
    public void Clear() => _times = [];

    /// <summary>Validates <paramref name="message"/> and, if valid, makes it the trajectory followed from now on.</summary>
    /// <returns>null when accepted, else why it was rejected.</returns>
    public string? Accept(JointTrajectory message, long now, ReadOnlySpan<double> current, ReadOnlySpan<double> currentVelocity, bool closing)
    {
        if (Validate(message) is { } reason)
            return reason;
        var stamp = (long)message.Header.Stamp.Sec * 1_000_000_000 + message.Header.Stamp.Nanosec;
        var start = stamp == 0 ? now : stamp;
        var points = message.Points;
        if (start + Nanoseconds(points[^1].TimeFromStart) < now)
            return $"the trajectory ends in the past (start {start} ns + {Nanoseconds(points[^1].TimeFromStart)} ns < now {now} ns)";

        var column = message.JointNames.Select(name => Array.IndexOf(_armJoints, name)).ToArray();
        var finger = Array.IndexOf(message.JointNames, _fingerJoint);
        // Knot 0 is the current state at the start time, unless the first point is already due then.
        var fromCurrent = Nanoseconds(points[0].TimeFromStart) > 0;
        var count = points.Length + (fromCurrent ? 1 : 0);
        var times = new long[count];
        var positions = new double[count][];
        var velocities = new double[]?[count];
        var fingers = new double?[count];
        if (fromCurrent)
        {
            times[0] = start;
            positions[0] = current.ToArray();
            velocities[0] = currentVelocity.ToArray();
            fingers[0] = closing ? 0 : _fingerOpen;
        }
        for (var p = 0; p < points.Length; p++)
        {
            var k = p + (fromCurrent ? 1 : 0);
            times[k] = start + Nanoseconds(points[p].TimeFromStart);
            positions[k] = new double[_armJoints.Length];
            velocities[k] = points[p].Velocities.Length > 0 ? new double[_armJoints.Length] : null;
            for (var i = 0; i < column.Length; i++)
            {
                if (column[i] < 0)
                    continue;
                positions[k][column[i]] = points[p].Positions[i];
                if (velocities[k] is { } v)
                    v[column[i]] = points[p].Velocities[i];
            }
            fingers[k] = finger >= 0 ? points[p].Positions[finger] : null;
        }
        (_times, _positions, _velocities, _finger) = (times, positions, velocities, fingers);
        return null;
    }

    /// <summary>The set point at time <paramref name="t"/> (ns) into <paramref name="positions"/>; returns whether the
    /// gripper is commanded closed (<paramref name="closing"/> when the trajectory does not say).</summary>
    public bool Sample(long t, Span<double> positions, bool closing)
    {
        if (!Active)
            throw new InvalidOperationException("no trajectory to sample");
        var last = _times.Length - 1;
        if (t <= _times[0] || last == 0)
        {
            _positions[t <= _times[0] ? 0 : last].CopyTo(positions);
            return FingerCloses(_finger[t <= _times[0] ? 0 : last], closing);
        }
        if (t >= _times[last])
        {
            _positions[last].CopyTo(positions);
            return FingerCloses(_finger[last], closing);
        }
        var k = 0;
        while (_times[k + 1] < t)
            k++;
        var duration = (_times[k + 1] - _times[k]) / 1e9;
        var s = (t - _times[k]) / 1e9 / duration;
        var (a, b) = (_positions[k], _positions[k + 1]);
        var (va, vb) = (_velocities[k], _velocities[k + 1]);
        for (var j = 0; j < positions.Length; j++)
            positions[j] = va is not null && vb is not null
                ? Hermite(a[j], va[j] * duration, b[j], vb[j] * duration, s)
                : a[j] + (b[j] - a[j]) * s;
        return FingerCloses(_finger[k + 1], closing);
    }

    private bool FingerCloses(double? finger, bool closing) => finger is { } f ? f < _fingerOpen / 2 : closing;

    /// <summary>Cubic Hermite between p0 and p1 with tangents m0, m1 (already scaled by the segment's duration).</summary>
    private static double Hermite(double p0, double m0, double p1, double m1, double s)
    {
        var (s2, s3) = (s * s, s * s * s);
        return (2 * s3 - 3 * s2 + 1) * p0 + (s3 - 2 * s2 + s) * m0 + (-2 * s3 + 3 * s2) * p1 + (s3 - s2) * m1;
    }

    private string? Validate(JointTrajectory message)
    {
        var names = message.JointNames;
        if (names.Length == 0)
            return "empty joint_names";
        if (names.Distinct().Count() != names.Length)
            return "duplicate names in joint_names";
        if (names.FirstOrDefault(n => n != _fingerJoint && !_armJoints.Contains(n)) is { } unknown)
            return $"unknown joint '{unknown}' (the arm has {string.Join(", ", _armJoints)} and {_fingerJoint})";
        if (_armJoints.FirstOrDefault(j => !names.Contains(j)) is { } missing)
            return $"joint '{missing}' is missing (partial goals are not allowed)";
        var points = message.Points;
        if (points.Length == 0)
            return "empty trajectory (no points)";
        long previous = -1;
        for (var p = 0; p < points.Length; p++)
        {
            var point = points[p];
            if (point.Positions.Length != names.Length)
                return $"point {p} has {point.Positions.Length} positions for {names.Length} joints";
            if (point.Velocities.Length is var v && v != 0 && v != names.Length)
                return $"point {p} has {v} velocities for {names.Length} joints";
            if (point.Accelerations.Length is var a && a != 0 && a != names.Length)
                return $"point {p} has {a} accelerations for {names.Length} joints";
            if (point.Positions.Concat(point.Velocities).Concat(point.Accelerations).Any(x => !double.IsFinite(x)))
                return $"point {p} has a non-finite value";
            var time = Nanoseconds(point.TimeFromStart);
            if (time < 0 || time <= previous)
                return $"time_from_start of point {p} ({time} ns) is not strictly increasing";
            previous = time;
            for (var i = 0; i < names.Length; i++)
            {
                var j = Array.IndexOf(_armJoints, names[i]);
                if (j >= 0 && (point.Positions[i] < _lower[j] || point.Positions[i] > _upper[j]))
                    return $"point {p}: {names[i]} = {point.Positions[i]} is outside its limits [{_lower[j]}, {_upper[j]}]";
            }
        }
        return null;
    }

    private static long Nanoseconds(Messages.BuiltinInterfaces.Duration d) => d.Sec * 1_000_000_000L + d.Nanosec;
}
