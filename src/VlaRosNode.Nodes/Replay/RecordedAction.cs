using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Nodes.ArmControl;

namespace VlaRosNode.Nodes.Replay;

/// <summary>
/// A recorded joint command expressed as the action that would have produced it: the inverse of
/// <see cref="ActionMapper"/>. The first trajectory point is the next target; its tool pose against the measured
/// one gives dx, dy, dz (over the position scale) and the rotation vector (over the rotation scale), and a gripper
/// joint nearer the closed than the open position gives +1 (close), else -1. Without a gripper joint in the command
/// the gripper value is NaN (not compared). Clipping and velocity limits of the mapping are not undone.
/// </summary>
public sealed class RecordedAction(KinematicChain arm, ActionMapperOptions mapping, IReadOnlyList<string> gripperJoints, double openPosition, double closedPosition)
{
    public const int Dimensions = 7;

    private readonly double[] _target = new double[arm.Dof];

    /// <summary>The action for <paramref name="command"/> from the measured joints <paramref name="q"/> (chain order),
    /// or null with <paramref name="problem"/> when the command does not name every arm joint or has no point.</summary>
    public float[]? From(JointTrajectory command, ReadOnlySpan<double> q, out string problem)
    {
        if (command.Points.Length == 0)
            return Fail(out problem, "has no trajectory point");
        var positions = command.Points[0].Positions;
        if (positions.Length != command.JointNames.Length)
            return Fail(out problem, $"names {command.JointNames.Length} joints but its first point has {positions.Length} positions");
        var names = arm.Variables.Names;
        for (var v = 0; v < names.Count; v++)
        {
            var index = Array.IndexOf(command.JointNames, names[v]);
            if (index < 0)
                return Fail(out problem, $"does not name arm joint '{names[v]}' (it names: {string.Join(", ", command.JointNames)})");
            _target[v] = positions[index];
        }
        var now = arm.ForwardKinematics(q);
        var next = arm.ForwardKinematics(_target);
        var translation = (next.Position - now.Position) / mapping.PositionScale;
        var rotation = (next.Rotation * now.Rotation.Transposed()).ToRotationVector() / mapping.RotationScale;
        var gripper = Array.FindIndex(command.JointNames, gripperJoints.Contains);
        problem = "";
        return
        [
            (float)translation.X, (float)translation.Y, (float)translation.Z,
            (float)rotation.X, (float)rotation.Y, (float)rotation.Z,
            gripper < 0 ? float.NaN : IsCloser(positions[gripper], closedPosition, openPosition) ? 1f : -1f,
        ];
    }

    private static bool IsCloser(double value, double a, double b) => Math.Abs(value - a) < Math.Abs(value - b);

    private static float[]? Fail(out string problem, string why)
    {
        problem = why;
        return null;
    }
}
