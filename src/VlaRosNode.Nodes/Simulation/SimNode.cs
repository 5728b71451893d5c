using Microsoft.Extensions.Logging;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.RosgraphMsgs;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Ros2;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Arm;
using VlaRosNode.Sim.Render;
using VlaRosNode.Sim.Tasks;
using RosString = VlaRosNode.Messages.StdMsgs.String;

namespace VlaRosNode.Nodes.Simulation;

/// <summary>
/// The simulator as a ROS 2 node (`vla sim run`): every control period (0.05 s of simulated time, paced by
/// real_time_factor) it follows the current JointTrajectory (see <see cref="TrajectoryExecutor"/>), then publishes
/// /clock, /joint_states and both cameras with CameraInfo. Episodes run back to back, the suites taking turns (<see cref="EpisodeSchedule"/>); each
/// starts by publishing the instruction and ends (success or step limit) with a DiagnosticStatus on
/// /sim/episode_result. Invalid trajectories are rejected with a logged reason and counted. With wait_for_controller
/// the first episode waits, at its first observation, until a controller is connected (a publisher on the trajectory
/// topic and a subscriber of the instruction), so a policy that is still loading loses no steps and hears the
/// instruction of the episode from its start.
/// </summary>
public sealed class SimNode : IDisposable
{
    private const long Period = DeltaAction.ControlPeriodNanoseconds;

    private readonly TabletopEnv _env;
    private readonly TrajectoryExecutor _executor;
    private readonly EpisodeSchedule _schedule;
    private readonly Random _seeds;
    private readonly int _episodeLimit;
    private readonly double[] _target;
    private readonly Publisher<Clock> _clock;
    private readonly Publisher<JointState> _joints;
    private readonly Publisher<Image> _agentImage, _wristImage;
    private readonly Publisher<CameraInfo> _agentInfo, _wristInfo;
    private readonly Publisher<RosString> _instruction;
    private readonly Publisher<DiagnosticStatus> _result;
    private readonly Subscription<JointTrajectory> _commands;
    private bool _waiting;
    private readonly object _lock = new();
    private long _now;
    private int _episode = -1;

    private SimNode(Node node)
    {
        Node = node;
        var suite = node.DeclareParameter("suite", "all", "task suite: spatial, object, goal, long or all", readOnly: true);
        var seed = node.DeclareParameter("seed", 0L, "seed of the episodes' layout seeds", readOnly: true);
        _episodeLimit = (int)node.DeclareParameter("episodes", 0L, "episodes to run, then stop stepping (0 = without end)", readOnly: true);
        var size = (int)node.DeclareParameter("image_size", 128L, "camera image width and height, pixels", readOnly: true);
        var rate = node.DeclareParameter("real_time_factor", 1.0, "simulated seconds per wall-clock second", readOnly: true);
        var controller = node.DeclareParameter("controller", "arm_controller", "joint_trajectory_controller name: commands arrive on /<controller>/joint_trajectory", readOnly: true);
        _waiting = node.DeclareParameter("wait_for_controller", false, "hold the first episode at its first observation until a controller publishes on the trajectory topic and the instruction has a subscriber", readOnly: true);
        if (rate is <= 0 or > 1000)
            throw new ArgumentException($"real_time_factor must be in (0, 1000], got {rate}");
        _schedule = EpisodeSchedule.For(suite);
        _seeds = new Random((int)seed);
        _env = new TabletopEnv(new SimOptions { ImageWidth = size, ImageHeight = size });
        var arm = _env.Arm.Joints;
        _executor = new TrajectoryExecutor(arm.Names, arm.Lower, arm.Upper, SimTopics.FingerJoints[0], VlaRosNode.Sim.Scene.Gripper.MaxWidth / 2);
        _target = new double[arm.Count];

        _clock = node.CreatePublisher<Clock>(SimTopics.Clock, QosProfile.Clock);
        _joints = node.CreatePublisher<JointState>(SimTopics.JointStates, QosProfile.SensorData);
        _agentImage = node.CreatePublisher<Image>(SimTopics.AgentImage, QosProfile.SensorData);
        _agentInfo = node.CreatePublisher<CameraInfo>(SimTopics.AgentCameraInfo, QosProfile.SensorData);
        _wristImage = node.CreatePublisher<Image>(SimTopics.WristImage, QosProfile.SensorData);
        _wristInfo = node.CreatePublisher<CameraInfo>(SimTopics.WristCameraInfo, QosProfile.SensorData);
        _instruction = node.CreatePublisher<RosString>(SimTopics.Instruction);
        _result = node.CreatePublisher<DiagnosticStatus>(SimTopics.EpisodeResult);
        TrajectoryTopic = $"/{controller}/joint_trajectory";
        _commands = node.CreateSubscription<JointTrajectory>(TrajectoryTopic, OnTrajectory);
        NextEpisode();
        node.CreateTimer(TimeSpan.FromSeconds(DeltaAction.ControlPeriod / rate), Step);
        node.Logger.LogInformation("simulator: {Tasks} task(s), {Size}x{Size} cameras, commands on {Topic}", _schedule.TaskCount, size, size, TrajectoryTopic);
    }

    public static SimNode Create(RosContext context) => new(context.CreateNode("vla_sim"));

    public Node Node { get; }
    public string TrajectoryTopic { get; }

    /// <summary>Trajectories rejected so far (each logged with its reason).</summary>
    public int Rejected { get; private set; }

    /// <summary>Episodes finished so far.</summary>
    public int EpisodesDone { get; private set; }

    /// <summary>Control periods wait_for_controller has held the first episode so far.</summary>
    public int HeldPeriods { get; private set; }

    private void OnTrajectory(JointTrajectory message)
    {
        lock (_lock)
        {
            var reason = _executor.Accept(message, _now, _env.Arm.Positions, _env.Arm.Velocities, _env.Scene.Gripper.Closing);
            if (reason is null)
                return;
            Rejected++;
            Node.Logger.LogWarning("rejected trajectory on {Topic}: {Reason}", TrajectoryTopic, reason);
        }
    }

    private void Step()
    {
        lock (_lock)
        {
            if ((_episodeLimit > 0 && EpisodesDone >= _episodeLimit) || WaitingForController())
                return;
            var closing = _env.Scene.Gripper.Closing;
            if (_executor.Active)
                closing = _executor.Sample(_now + Period, _target, closing);
            else
                _env.Arm.Positions.CopyTo(_target);
            _env.StepJoints(_target, closing);
            _now += Period;
            Publish();
            if (!_env.Done)
                return;
            _result.Publish(SimMessages.EpisodeResult(_env, _episode, _env.Time));
            Node.Logger.LogInformation("episode {Episode} ({Task}, seed {Seed}): {Outcome} after {Steps} steps",
                _episode, _env.Task.Name, _env.Seed, _env.Succeeded ? "success" : "failure", _env.StepCount);
            EpisodesDone++;
            if (_episodeLimit == 0 || EpisodesDone < _episodeLimit)
                NextEpisode();
        }
    }

    /// <summary>True while wait_for_controller holds the first episode. When the controller appears the first
    /// observation and the instruction go out again: the ones sent before it matched were not delivered to it.</summary>
    private bool WaitingForController()
    {
        if (!_waiting)
            return false;
        if (_commands.PublisherCount == 0 || _instruction.SubscriptionCount == 0)
        {
            HeldPeriods++;
            return true;
        }
        _waiting = false;
        Node.Logger.LogInformation("controller connected on {Topic}: the first episode starts", TrajectoryTopic);
        Publish();
        return true;
    }

    private void NextEpisode()
    {
        _episode++;
        _env.Reset(_schedule.TaskOf(_episode), _seeds.Next());
        _executor.Clear();
        Publish(); // the instruction goes out with the first observation (StepCount 0)
    }

    private void Publish()
    {
        _env.Render();
        var (w, h) = (_env.Options.ImageWidth, _env.Options.ImageHeight);
        // First, so that a policy stepping per image has a new episode's instruction before its first images;
        // republished once a second so a policy started late still learns the task.
        if (_env.StepCount % 20 == 0)
            _instruction.Publish(SimMessages.Instruction(_env));
        _clock.Publish(SimMessages.Clock(_now));
        _joints.Publish(SimMessages.JointState(_env, _now));
        _agentImage.Publish(SimMessages.Image(_env.AgentImage, SimTopics.AgentOpticalFrame, _now));
        _agentInfo.Publish(SimMessages.CameraInfo(CameraRig.Agent(w, h), SimTopics.AgentOpticalFrame, _now));
        _wristImage.Publish(SimMessages.Image(_env.WristImage, SimTopics.WristOpticalFrame, _now));
        _wristInfo.Publish(SimMessages.CameraInfo(CameraRig.Wrist(_env.Arm.Tcp, w, h), SimTopics.WristOpticalFrame, _now));
    }

    public void Dispose() => Node.Dispose();
}
