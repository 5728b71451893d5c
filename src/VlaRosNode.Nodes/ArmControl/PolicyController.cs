using System.Diagnostics;
using Microsoft.Extensions.Logging;
using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Features;
using VlaRosNode.Nodes.ArmControl.Status;
using VlaRosNode.Policy;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Logging;

namespace VlaRosNode.Nodes.ArmControl;

/// <summary>What a step asks the node to publish.</summary>
public enum StepOutcome
{
    /// <summary>Nothing to do (waiting for a new observation, nothing wrong yet, or a fault already reported).</summary>
    Idle,

    /// <summary>Publish <see cref="PolicyController.Commands"/> (and the twist) and the status.</summary>
    Commanded,

    /// <summary>Publish the hold in <see cref="PolicyController.Commands"/> and the status.</summary>
    Held,

    /// <summary>Publish the status only: a fault, and either the arm was not moving or its position is unknown.</summary>
    Faulted,
}

/// <summary>Settings of the controller that are not the action mapping's.</summary>
public sealed record ControlOptions
{
    public TimeSpan ObservationTimeout { get; init; } = TimeSpan.FromSeconds(0.5);
    public TimeSpan SyncTolerance { get; init; } = TimeSpan.FromSeconds(0.025);
    public IReadOnlyList<string> GripperJoints { get; init; } = [];
    public bool SeparateGripperTopic { get; init; }
    public double GripperOpenPosition { get; init; } = 0.04;
    public double GripperClosedPosition { get; init; }
    public string BaseFrame { get; init; } = "";
}

/// <summary>
/// One control step without any ROS I/O: newest synchronised observation -> safety checks -> policy -> action -> IK ->
/// joint targets, or a hold. Safety rules: no command from an observation older than the timeout (checked before
/// and again after inference), with a non-finite joint position or action, with a missing joint, or whose IK misses
/// the action's tool pose; joint position and velocity limits clamped. On a fault while the arm was moving it sends a
/// one-point trajectory to the newest measured joints (joint_trajectory_controller replaces the running trajectory
/// and stops there); when the joint positions themselves are unknown or stale it sends nothing, since the last
/// command ends one horizon later anyway and a hold at stale positions would move the arm back. Faults are logged
/// at a bounded rate and reported in <see cref="Report"/>.
/// </summary>
public sealed class PolicyController
{
    private readonly VlaPolicy _policy;
    private readonly ActionMapper _mapper;
    private readonly ControlOptions _options;
    private readonly Func<RosTime> _clock;
    private readonly RateLimitedLog _faultLog;
    private readonly PolicyOutput _output;
    private readonly double[] _target;
    private readonly KinematicChain _arm;
    private readonly KinematicState _motion = new(new PoseHistory(64));
    private volatile bool _newEpisode = true;
    private long _steps;
    private bool _moving;
    private bool _faultReported;
    private double _gripper;
    private RosTime? _lastObservation;

    public PolicyController(VlaPolicy policy, KinematicChain arm, ActionMapperOptions mapping, ControlOptions options, Func<RosTime> clock, ILogger logger)
    {
        var dims = policy.Package.Manifest.Action.Dimensions;
        if (dims != 7)
            throw new ArgumentException($"the model's actions have {dims} dimensions; the node maps 7 (dx, dy, dz, droll, dpitch, dyaw, gripper)");
        _policy = policy;
        _arm = arm;
        _mapper = new ActionMapper(arm, mapping);
        _options = options;
        _clock = clock;
        _faultLog = new RateLimitedLog(logger, LogLevel.Warning, TimeSpan.FromSeconds(2));
        _output = policy.CreateOutput();
        _target = new double[arm.Dof];
        _gripper = options.GripperOpenPosition;
        Observations = new ObservationBuffer(policy.Package.Manifest.Image.Cameras.Count, arm.Variables, options.SyncTolerance);
        Commands = new CommandMessages(arm.Variables.Names, options.GripperJoints, options.SeparateGripperTopic, mapping.Horizon, options.BaseFrame);
        Report = new StepReport { Action = new float[dims] };
    }

    public ObservationBuffer Observations { get; }

    public CommandMessages Commands { get; }

    /// <summary>The last step's figures (valid after an outcome other than <see cref="StepOutcome.Idle"/>).</summary>
    public StepReport Report { get; }

    /// <summary>The tool twist of the last command (base frame), for MoveIt Servo.</summary>
    public Kinematics.Geometry.Twist Twist { get; private set; }

    /// <summary>The task; a different one starts a new episode for the policy (the strategy's and DyQ's motion history and
    /// per-episode state are forgotten).</summary>
    public string Instruction
    {
        get;
        set
        {
            if (value != field)
                _newEpisode = true;
            field = value;
        }
    } = "";

    /// <summary>
    /// Steps on the newest synchronised observation; with <paramref name="requireNew"/> only when every camera has a
    /// new frame (per-image stepping), otherwise on whatever is newest (fixed-rate stepping). Also the watchdog: when
    /// no observation assembles within the timeout, a moving arm is held.
    /// </summary>
    public StepOutcome Step(bool requireNew)
    {
        var now = _clock();
        _lastObservation ??= now;
        var state = Observations.TryAssemble(requireNew, out var reason);
        if (state == AssemblyState.Waiting)
        {
            var silent = now - _lastObservation.Value;
            if (silent <= _options.ObservationTimeout || _faultReported)
                return StepOutcome.Idle;
            return Fault($"no synchronised observation for {silent.TotalSeconds:F2} s ({reason})", now);
        }
        if (state == AssemblyState.Fault)
            return Fault(reason, now);

        _lastObservation = Observations.Stamp;
        var age = now - Observations.Stamp;
        if (age > _options.ObservationTimeout)
            return Fault($"observation is {age.TotalSeconds:F3} s old (observation_timeout {_options.ObservationTimeout.TotalSeconds} s)", now);
        if (Instruction.Length == 0)
            return Fault("no instruction (set the instruction parameter or publish one)", now);

        var stepStart = Stopwatch.GetTimestamp();
        NewReport();
        Report.ObservationAgeS = age.TotalSeconds;
        Report.ImageDecodeMs = Observations.ImageDecodeMs;
        TrackMotion();
        try
        {
            _policy.Step(new Observation(Observations.Images, Instruction) { Kinematics = _motion }, _output);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fault($"policy step failed: {e.Message}", now, resetReport: false);
        }
        Report.SetPolicy(_output.Statistics, _output.Tokens.Length);
        _output.Action.CopyTo(Report.Action, 0);

        var ikStart = Stopwatch.GetTimestamp();
        var mapped = _mapper.Map(_output.Action.AsSpan(0, 6), Observations.Joints, _target);
        Report.IkMs = Stopwatch.GetElapsedTime(ikStart).TotalMilliseconds;
        if (!float.IsFinite(_output.Action[6]))
            mapped = mapped with { Fault = $"action[6] (gripper) is {_output.Action[6]}" };
        if (mapped.Fault is not null)
            return Fault(mapped.Fault, now, resetReport: false);
        Report.IkPositionError = mapped.IkPositionError;
        Report.VelocityScale = mapped.VelocityScale;

        var after = _clock();
        if (after - Observations.Stamp > _options.ObservationTimeout)
            return Fault($"observation became {(after - Observations.Stamp).TotalSeconds:F3} s old during inference", after, resetReport: false);

        _gripper = _output.Action[6] > 0 ? _options.GripperClosedPosition : _options.GripperOpenPosition;
        Commands.Set(_target, _gripper);
        Twist = mapped.Twist;
        Report.TotalMs = Report.ImageDecodeMs + Stopwatch.GetElapsedTime(stepStart).TotalMilliseconds;
        Report.Commanded = true;
        _moving = true;
        _faultReported = false;
        return StepOutcome.Commanded;
    }

    /// <summary>Records the tool pose of this observation (forward kinematics of its joints, stamped with its time):
    /// the motion HeiSD's fused metric and KERV's threshold read.</summary>
    private void TrackMotion()
    {
        if (_newEpisode)
        {
            _newEpisode = false;
            _motion.EndEffector.Clear();
            _policy.BeginEpisode();
        }
        _motion.EndEffector.Add(Observations.Stamp.TotalSeconds, _arm.ForwardKinematics(Observations.Joints));
    }

    private void NewReport()
    {
        Report.Reset(++_steps);
        Report.ImagesDropped = Observations.DroppedImages;
    }

    private StepOutcome Fault(string reason, RosTime now, bool resetReport = true)
    {
        if (resetReport)
            NewReport();
        Report.Fault = reason;
        _faultReported = true;
        var outcome = StepOutcome.Faulted;
        if (_moving && Observations.TryLatestJoints(out var q, out var stamp) && now - stamp <= _options.ObservationTimeout)
        {
            Commands.Set(q, _gripper);
            Report.HoldSent = true;
            outcome = StepOutcome.Held;
        }
        _moving = false;
        _faultLog.Log(outcome == StepOutcome.Held ? $"holding the arm: {reason}" : $"not commanding: {reason}");
        return outcome;
    }
}
