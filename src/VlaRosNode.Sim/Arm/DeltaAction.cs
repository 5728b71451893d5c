using System.Numerics;
using VlaRosNode.Sim.Geometry;

namespace VlaRosNode.Sim.Arm;

/// <summary>
/// The 7-D action convention (LIBERO / OpenVLA style): a = (dx, dy, dz, droll, dpitch, dyaw, gripper), each
/// in [-1, 1] (values outside are clipped). Translation is in the world (= arm base) frame, scaled by
/// <see cref="PositionScale"/> metres per control step; rotation is a rotation vector in the world frame about
/// the tool centre point, scaled by <see cref="RotationScale"/> radians per step; gripper &gt; 0 closes, &lt;= 0 opens.
/// One control step lasts <see cref="ControlPeriod"/> seconds.
/// </summary>
public static class DeltaAction
{
    public const int Dimensions = 7;
    public const float PositionScale = 0.02f;
    public const float RotationScale = 0.15f;
    public const double ControlPeriod = 0.05;

    /// <summary><see cref="ControlPeriod"/> in nanoseconds, exact, for message stamps.</summary>
    public const long ControlPeriodNanoseconds = 50_000_000;

    /// <summary>Box the tool centre point is kept in (world frame, m): above the table, inside the arm's reach.</summary>
    public static readonly Vector3 WorkspaceMin = new(0.2f, -0.45f, 0.005f), WorkspaceMax = new(0.8f, 0.45f, 0.6f);

    /// <summary>The tool pose this action asks for, starting from <paramref name="tcp"/>.</summary>
    /// <exception cref="ArgumentException">Wrong length or a non-finite value.</exception>
    public static Pose Target(Pose tcp, ReadOnlySpan<float> action)
    {
        Validate(action);
        var translation = new Vector3(Clip(action[0]), Clip(action[1]), Clip(action[2])) * PositionScale;
        var rotation = new Vector3(Clip(action[3]), Clip(action[4]), Clip(action[5])) * RotationScale;
        var position = Vector3.Clamp(tcp.Position + translation, WorkspaceMin, WorkspaceMax);
        var angle = rotation.Length();
        var delta = angle < 1e-9f ? Quaternion.Identity : Quaternion.CreateFromAxisAngle(rotation / angle, angle);
        return new Pose(position, Quaternion.Normalize(delta * tcp.Rotation));
    }

    public static bool ClosesGripper(ReadOnlySpan<float> action)
    {
        Validate(action);
        return action[6] > 0;
    }

    private static float Clip(float v) => Math.Clamp(v, -1f, 1f);

    private static void Validate(ReadOnlySpan<float> action)
    {
        if (action.Length != Dimensions)
            throw new ArgumentException($"an action has {Dimensions} values (dx, dy, dz, droll, dpitch, dyaw, gripper), got {action.Length}", nameof(action));
        for (var i = 0; i < action.Length; i++)
            if (!float.IsFinite(action[i]))
                throw new ArgumentException($"action[{i}] is {action[i]}", nameof(action));
    }
}
