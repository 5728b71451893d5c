using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.GeometryMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Ros2;
using KinematicsTwist = VlaRosNode.Kinematics.Geometry.Twist;

namespace VlaRosNode.Nodes.ArmControl;

/// <summary>
/// The messages that command the arm, in joint_trajectory_controller's terms: one point at time_from_start = the
/// horizon, positions only (the controller interpolates linearly and the point ends at rest), header stamp 0
/// ("start now"). The arm's and the gripper's joints share one message unless the gripper has its own controller.
/// Messages are reused: publish before the next call.
/// </summary>
public sealed class CommandMessages
{
    private readonly JointTrajectory _arm;
    private readonly JointTrajectory? _gripper;
    private readonly int _armJoints;
    private readonly TwistStamped _twist;

    public CommandMessages(IReadOnlyList<string> armJoints, IReadOnlyList<string> gripperJoints, bool separateGripper, double horizon, string baseFrame)
    {
        _armJoints = armJoints.Count;
        var duration = ToDuration(horizon);
        _arm = Trajectory(separateGripper ? armJoints : [.. armJoints, .. gripperJoints], duration);
        _gripper = separateGripper && gripperJoints.Count > 0 ? Trajectory(gripperJoints, duration) : null;
        _twist = new TwistStamped { Header = { FrameId = baseFrame } };
    }

    /// <summary>The arm trajectory (gripper joints included unless they have their own topic).</summary>
    public JointTrajectory Arm => _arm;

    /// <summary>The gripper trajectory when the gripper has its own controller, else null.</summary>
    public JointTrajectory? Gripper => _gripper;

    /// <summary>Fills the trajectories with arm joint targets and, if any gripper joints, the gripper position.</summary>
    public void Set(ReadOnlySpan<double> arm, double gripperPosition)
    {
        var positions = _arm.Points[0].Positions;
        arm.CopyTo(positions);
        var gripper = _gripper?.Points[0].Positions ?? positions.AsSpan(_armJoints);
        gripper.Fill(gripperPosition);
    }

    public TwistStamped Twist(KinematicsTwist twist, RosTime stamp)
    {
        // Filled in place: the message is reused every step.
        _twist.Header.Stamp.Sec = stamp.Seconds;
        _twist.Header.Stamp.Nanosec = stamp.NanosecondsPart;
        Set(_twist.Twist.Linear, twist.Linear.X, twist.Linear.Y, twist.Linear.Z);
        Set(_twist.Twist.Angular, twist.Angular.X, twist.Angular.Y, twist.Angular.Z);
        return _twist;
    }

    private static void Set(Vector3 v, double x, double y, double z)
    {
        v.X = x;
        v.Y = y;
        v.Z = z;
    }

    private static JointTrajectory Trajectory(IReadOnlyList<string> joints, Duration timeFromStart) => new()
    {
        JointNames = [.. joints],
        Points = [new JointTrajectoryPoint { Positions = new double[joints.Count], TimeFromStart = timeFromStart }],
    };

    private static Duration ToDuration(double seconds)
    {
        var whole = Math.Floor(seconds);
        return new Duration { Sec = (int)whole, Nanosec = (uint)Math.Round((seconds - whole) * 1e9) };
    }
}
