using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Ik;

namespace VlaRosNode.Nodes.ArmControl;

/// <summary>How an action becomes joint targets; defaults match the simulator's DeltaAction.</summary>
public sealed record ActionMapperOptions
{
    public double PositionScale { get; init; } = 0.02;
    public double RotationScale { get; init; } = 0.15;
    public double ActionClip { get; init; } = 1.0;
    public Vector3d WorkspaceMin { get; init; } = new(0.2, -0.45, 0.005);
    public Vector3d WorkspaceMax { get; init; } = new(0.8, 0.45, 0.6);
    public int IkMaxIterations { get; init; } = 50;
    public double IkMaxPositionError { get; init; } = 0.005;
    public double IkMaxOrientationError { get; init; } = 0.05;
    public double VelocityScale { get; init; } = 1.0;

    /// <summary>Time the commanded point is reached in (s): the joint step is limited to velocity limit times this.</summary>
    public double Horizon { get; init; } = 0.05;
}

/// <summary>The joint targets of one action, or why there are none.</summary>
public readonly record struct MappedAction(string? Fault, double IkPositionError, double IkOrientationError, double VelocityScale, Twist Twist);

/// <summary>
/// End-effector delta action -> joint targets, in the simulator's convention (LIBERO/OpenVLA style): each of
/// dx, dy, dz, droll, dpitch, dyaw clipped to +-clip, translation times the position scale in the base frame, rotation
/// vector times the rotation scale applied in the base frame about the tool point; the target kept inside a
/// workspace box; damped least-squares IK seeded at the measured joints; then position limits and a uniform slow-down
/// so no joint exceeds its velocity limit over the horizon (the path stays straight). One instance per thread.
/// </summary>
public sealed class ActionMapper
{
    private readonly KinematicChain _chain;
    private readonly DampedLeastSquaresIk _ik;

    public ActionMapper(KinematicChain chain, ActionMapperOptions options)
    {
        _chain = chain;
        Options = options;
        _ik = new DampedLeastSquaresIk(chain, new IkOptions { MaxIterations = options.IkMaxIterations });
    }

    public ActionMapperOptions Options { get; }

    /// <summary>Fills <paramref name="target"/> (chain order) from the measured joints <paramref name="q"/> and the first six values of
    /// <paramref name="action"/>; on a fault <paramref name="target"/> is left meaningless and must not be sent.</summary>
    public MappedAction Map(ReadOnlySpan<float> action, ReadOnlySpan<double> q, Span<double> target)
    {
        for (var i = 0; i < action.Length; i++)
            if (!float.IsFinite(action[i]))
                return Fail($"action[{i}] is {action[i]}");
        var o = Options;
        var translation = new Vector3d(Clip(action[0]), Clip(action[1]), Clip(action[2])) * o.PositionScale;
        var rotation = new Vector3d(Clip(action[3]), Clip(action[4]), Clip(action[5])) * o.RotationScale;

        var tool = _chain.ForwardKinematics(q);
        var position = Clamp(tool.Position + translation, o.WorkspaceMin, o.WorkspaceMax);
        var goal = new Pose3d(Rotation3d.FromRotationVector(rotation) * tool.Rotation, position);

        q.CopyTo(target);
        var ik = _ik.Solve(goal, target);
        // At the edge of its reach the arm goes as far as it can toward the action's pose, as the simulator's arm (the
        // convention the model learnt) does; holding instead would repeat the same observation, and so the same
        // action and the same hold, for ever. The shortfall may be up to the action's own step beyond the limits,
        // and the tool must end closer to the goal than it is.
        var (toGoal, turnToGoal) = DampedLeastSquaresIk.PoseError(goal, tool);
        var positionSlack = o.IkMaxPositionError + translation.Length;
        var orientationSlack = o.IkMaxOrientationError + rotation.Length;
        var approaches = ik.PositionError <= o.IkMaxPositionError || ik.PositionError < toGoal.Length;
        var turns = ik.OrientationError <= o.IkMaxOrientationError || ik.OrientationError < turnToGoal.Length;
        if (ik.PositionError > positionSlack || ik.OrientationError > orientationSlack || !approaches || !turns)
            return Fail($"IK left {ik.PositionError * 1000:F1} mm / {ik.OrientationError:F3} rad from the action's tool pose (allowed " +
                $"{positionSlack * 1000:F1} mm / {orientationSlack:F3} rad: ik_max_position_error / ik_max_orientation_error plus the action's step, " +
                $"and closer than the tool is now){AtLimits(target)}");

        var scale = LimitVelocity(q, target);
        var reached = _chain.ForwardKinematics(target);
        var twist = new Twist(
            (reached.Position - tool.Position) / o.Horizon,
            (reached.Rotation * tool.Rotation.Transposed()).ToRotationVector() / o.Horizon);
        return new MappedAction(null, ik.PositionError, ik.OrientationError, scale, twist);
    }

    /// <summary>Clamps to position limits, then scales the whole step so the fastest joint keeps its velocity limit.</summary>
    private double LimitVelocity(ReadOnlySpan<double> q, Span<double> target)
    {
        var variables = _chain.Variables;
        variables.Clamp(target);
        var limits = variables.VelocityLimits;
        var scale = 1.0;
        for (var j = 0; j < q.Length; j++)
        {
            var allowed = limits[j] * Options.VelocityScale * Options.Horizon;
            var step = Math.Abs(target[j] - q[j]);
            if (step > allowed)
                scale = Math.Min(scale, allowed / step);
        }
        if (scale < 1)
            for (var j = 0; j < q.Length; j++)
                target[j] = q[j] + (target[j] - q[j]) * scale;
        return scale;
    }

    /// <summary>" at the limit of joint(s) a, b" when the IK solution sits on position limits (why it could not reach).</summary>
    private string AtLimits(ReadOnlySpan<double> q)
    {
        var v = _chain.Variables;
        var names = new List<string>();
        for (var j = 0; j < q.Length; j++)
            if (q[j] <= v.Lower[j] + 1e-6 || q[j] >= v.Upper[j] - 1e-6)
                names.Add(v.Names[j]);
        return names.Count == 0 ? "" : $", at the limit of joint(s) {string.Join(", ", names)}";
    }

    private double Clip(float value) => Math.Clamp(value, -Options.ActionClip, Options.ActionClip);

    private static Vector3d Clamp(Vector3d v, Vector3d min, Vector3d max) =>
        new(Math.Clamp(v.X, min.X, max.X), Math.Clamp(v.Y, min.Y, max.Y), Math.Clamp(v.Z, min.Z, max.Z));

    private static MappedAction Fail(string fault) => new(fault, double.NaN, double.NaN, 0, default);
}
