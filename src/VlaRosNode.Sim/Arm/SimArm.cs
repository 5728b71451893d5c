using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Ik;
using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Sim.Geometry;
using VlaRosNode.Sim.Render;

namespace VlaRosNode.Sim.Arm;

/// <summary>
/// The simulated arm: joint positions integrated kinematically. A tool-pose target is turned into joint motion
/// by the kinematics library's damped least-squares IK (seeded at the current joints), then limited to the
/// joints' velocity limits over the step and clamped to their position limits, as a position-controlled arm
/// would follow it. Forward kinematics then gives the tool pose and the link frames for the renderer.
/// </summary>
public sealed class SimArm
{
    private readonly KinematicChain _chain;
    private readonly DampedLeastSquaresIk _ik;
    private readonly double[] _q, _velocity, _solution;
    private readonly Pose3d[] _links;

    public SimArm(ShippedRobot robot)
    {
        Robot = robot;
        _chain = robot.Arm;
        // A few iterations per step: targets are one step away, and the next step continues from here.
        _ik = new DampedLeastSquaresIk(_chain, new IkOptions { MaxIterations = 8, Damping = 0.05, OrientationWeight = 0.5 });
        _q = new double[_chain.Dof];
        _velocity = new double[_chain.Dof];
        _solution = new double[_chain.Dof];
        _links = new Pose3d[_chain.LinkNames.Count];
        // Every frame but the tool's is a joint of the drawn stick figure; the hand is drawn from the tool frame.
        Visual = new RobotVisual(_links.Length - 1);
        Reset(robot.ReadyPose);
    }

    public ShippedRobot Robot { get; }
    public JointVariables Joints => _chain.Variables;
    public ReadOnlySpan<double> Positions => _q;

    /// <summary>Joint velocities of the last step (rad/s).</summary>
    public ReadOnlySpan<double> Velocities => _velocity;

    public Pose Tcp { get; private set; }

    /// <summary>Link frames and tool pose for drawing; the gripper width is set by the environment.</summary>
    public RobotVisual Visual { get; }

    /// <exception cref="ArgumentException">Wrong number of joints.</exception>
    public void Reset(ReadOnlySpan<double> positions)
    {
        if (positions.Length != _q.Length)
            throw new ArgumentException($"the arm has {_q.Length} joints, got {positions.Length} positions", nameof(positions));
        positions.CopyTo(_q);
        _chain.Variables.Clamp(_q);
        Array.Clear(_velocity);
        UpdateForwardKinematics();
    }

    /// <summary>Moves the joints towards the tool pose <paramref name="target"/> for <paramref name="dt"/> seconds.</summary>
    public void MoveToward(Pose target, double dt)
    {
        _q.CopyTo(_solution, 0);
        _ik.Solve(target.ToPose3d(), _solution);
        MoveJointsToward(_solution, dt);
    }

    /// <summary>Moves the joints towards <paramref name="target"/> positions for <paramref name="dt"/> seconds, as fast as
    /// the velocity limits allow (a position-controlled arm following its set point).</summary>
    /// <exception cref="ArgumentException">Wrong number of joints.</exception>
    public void MoveJointsToward(ReadOnlySpan<double> target, double dt)
    {
        if (target.Length != _q.Length)
            throw new ArgumentException($"the arm has {_q.Length} joints, got {target.Length} targets", nameof(target));
        // Scale the whole joint step so the fastest joint keeps its velocity limit (the path stays straight).
        var scale = 1.0;
        var limits = _chain.Variables.VelocityLimits;
        for (var j = 0; j < _q.Length; j++)
        {
            var step = Math.Abs(target[j] - _q[j]);
            if (step > limits[j] * dt)
                scale = Math.Min(scale, limits[j] * dt / step);
        }
        for (var j = 0; j < _q.Length; j++)
        {
            var previous = _q[j];
            _q[j] += (target[j] - _q[j]) * scale;
            _velocity[j] = (_q[j] - previous) / dt;
        }
        _chain.Variables.Clamp(_q);
        UpdateForwardKinematics();
    }

    private void UpdateForwardKinematics()
    {
        Tcp = _chain.ForwardKinematics(_q, _links).ToPose();
        var points = Visual.ChainPoints;
        for (var i = 0; i < points.Length; i++)
        {
            var p = _links[i].Position;
            points[i] = new System.Numerics.Vector3((float)p.X, (float)p.Y, (float)p.Z);
        }
        Visual.Tcp = Tcp;
    }
}
