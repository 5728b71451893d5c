using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Sim.Arm;
using VlaRosNode.Sim.Render;
using VlaRosNode.Sim.Scene;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Sim;

/// <summary>
/// One simulated episode at a time: a task laid out from a seed, the Panda arm driven by 7-D delta actions
/// (<see cref="DeltaAction"/>), the kinematic grasp model, and the two cameras rendered on request.
/// Everything that varies comes from the seed, so the same seed and actions give the same episode.
/// </summary>
public sealed class TabletopEnv
{
    private readonly SceneRenderer _renderer = new();
    private PlaceGoal[] _goals = [];

    public TabletopEnv(SimOptions? options = null)
    {
        Options = options ?? new SimOptions();
        Options.Validate();
        Arm = new SimArm(ShippedRobot.Panda());
        AgentImage = new RgbImage(Options.ImageWidth, Options.ImageHeight);
        WristImage = new RgbImage(Options.ImageWidth, Options.ImageHeight);
        Task = TaskCatalog.All[0];
    }

    public SimOptions Options { get; }
    public TabletopScene Scene { get; } = new();
    public SimArm Arm { get; }
    public TaskDefinition Task { get; private set; }
    public IReadOnlyList<PlaceGoal> Goals => _goals;
    public int Seed { get; private set; }

    /// <summary>Control steps taken in this episode.</summary>
    public int StepCount { get; private set; }

    /// <summary>Simulated time since the episode began, s.</summary>
    public double Time => StepCount * DeltaAction.ControlPeriod;

    public int MaxSteps => Options.MaxStepsPerGoal * Math.Max(1, _goals.Length);

    /// <summary>True once every goal of the task holds (checked after each step).</summary>
    public bool Succeeded { get; private set; }

    public bool Done => Succeeded || StepCount >= MaxSteps;

    /// <summary>Latest renders (see <see cref="Render"/>), rows top to bottom, RGB.</summary>
    public RgbImage AgentImage { get; }
    public RgbImage WristImage { get; }

    /// <summary>Lays out <paramref name="task"/> from <paramref name="seed"/> and puts the arm near its ready pose.</summary>
    public void Reset(TaskDefinition task, int seed)
    {
        Task = task;
        Seed = seed;
        var random = new Random(seed);
        _goals = task.Build(Scene, random);
        Span<double> start = stackalloc double[Arm.Joints.Count];
        Arm.Robot.ReadyPose.CopyTo(start);
        for (var j = 0; j < start.Length; j++)
            start[j] += (random.NextDouble() * 2 - 1) * Options.InitialJointNoise;
        Arm.Reset(start);
        Arm.Visual.GripperWidth = Scene.Gripper.Width;
        StepCount = 0;
        Succeeded = false;
    }

    /// <summary>Applies one 7-D action for one control period (see <see cref="DeltaAction"/>).</summary>
    /// <exception cref="ArgumentException">Malformed action.</exception>
    public void Step(ReadOnlySpan<float> action)
    {
        var target = DeltaAction.Target(Arm.Tcp, action);
        Scene.Gripper.Closing = DeltaAction.ClosesGripper(action);
        Arm.MoveToward(target, DeltaAction.ControlPeriod);
        FinishStep();
    }

    /// <summary>One control period towards joint positions (a joint trajectory controller's set point) and a
    /// gripper command, instead of a delta action.</summary>
    /// <exception cref="ArgumentException">Wrong number of joints.</exception>
    public void StepJoints(ReadOnlySpan<double> positions, bool closeGripper)
    {
        Scene.Gripper.Closing = closeGripper;
        Arm.MoveJointsToward(positions, DeltaAction.ControlPeriod);
        FinishStep();
    }

    private void FinishStep()
    {
        GraspModel.Step(Scene, Arm.Tcp, (float)DeltaAction.ControlPeriod);
        Arm.Visual.GripperWidth = Scene.Gripper.Width;
        StepCount++;
        Succeeded |= TaskDefinition.IsSuccess(Scene, _goals);
    }

    /// <summary>Renders both cameras into <see cref="AgentImage"/> and <see cref="WristImage"/>.</summary>
    public void Render()
    {
        RenderAgent();
        RenderWrist();
    }

    public void RenderAgent() =>
        _renderer.Render(AgentImage, CameraRig.Agent(AgentImage.Width, AgentImage.Height), Scene, Arm.Visual);

    public void RenderWrist() =>
        _renderer.Render(WristImage, CameraRig.Wrist(Arm.Tcp, WristImage.Width, WristImage.Height), Scene, Arm.Visual);
}
