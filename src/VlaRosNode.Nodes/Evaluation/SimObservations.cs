using VlaRosNode.Kinematics.Features;
using VlaRosNode.Policy;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Arm;
using PolicyImage = VlaRosNode.Policy.Images.RgbImage;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>
/// The simulator's state as the policy sees it: the package's cameras rendered (the policy images share the
/// simulator's pixel buffers), the task's instruction, and the tool pose history stamped with simulated time.
/// </summary>
public sealed class SimObservations
{
    private readonly TabletopEnv _env;
    private readonly bool[] _wrist;
    private readonly PolicyImage[] _images;
    private readonly PoseHistory _history;

    public SimObservations(TabletopEnv env, IReadOnlyList<string> cameras, int historyLength = 64)
    {
        _env = env;
        _wrist = cameras.Select(IsWrist).ToArray();
        _images = _wrist.Select(w => w ? Wrap(env.WristImage) : Wrap(env.AgentImage)).ToArray();
        _history = new PoseHistory(historyLength);
    }

    /// <summary>Forgets the previous episode's motion; call after <see cref="TabletopEnv.Reset"/>.</summary>
    public void BeginEpisode() => _history.Clear();

    /// <summary>Renders the cameras and records the tool pose of the current step.</summary>
    public Observation Observe()
    {
        if (_wrist.Contains(false))
            _env.RenderAgent();
        if (_wrist.Contains(true))
            _env.RenderWrist();
        _history.Add(_env.Time, _env.Arm.Tcp.ToPose3d());
        return new Observation(_images, _env.Task.Instruction) { Kinematics = new KinematicState(_history) };
    }

    private static PolicyImage Wrap(Sim.Render.RgbImage image) => new(image.Width, image.Height, image.Pixels);

    /// <summary>Which simulator camera a package camera name means (OpenVLA/LIBERO names included).</summary>
    private static bool IsWrist(string camera) => camera.ToLowerInvariant() switch
    {
        "wrist" or "wrist_image" or "eye_in_hand" or "robot0_eye_in_hand" => true,
        "front" or "agent" or "agentview" or "image" or "third_person" or "primary" => false,
        _ => throw new ArgumentException($"the simulator has no camera for the package's camera '{camera}' (it renders an agent view and a wrist view)"),
    };
}
