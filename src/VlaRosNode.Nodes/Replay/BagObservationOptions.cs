using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Nodes.ArmControl;

namespace VlaRosNode.Nodes.Replay;

/// <summary>
/// Which topics of a bag make the policy's observations and how control steps are taken from them. Every default is
/// the policy node's (<see cref="PolicyNodeSettings"/>), so a bag recorded around the node replays as the node saw it.
/// </summary>
public sealed record BagObservationOptions
{
    private static readonly PolicyNodeSettings Node = new();

    /// <summary>One topic per camera of the model, in the manifest's order: sensor_msgs/Image, or
    /// sensor_msgs/CompressedImage on the topic itself or on <c>TOPIC/compressed</c> (image_transport's name).</summary>
    public IReadOnlyList<string> CameraTopics { get; init; } = Node.CameraTopics;

    /// <summary>The model's name of each camera topic (the manifest's cameras), when known: a missing topic is then
    /// named with the camera it was for.</summary>
    public IReadOnlyList<string> CameraNames { get; init; } = [];

    public string JointStatesTopic { get; init; } = Node.JointStatesTopic;

    /// <summary>std_msgs/String; each message replaces the instruction, and a different text starts a new episode.</summary>
    public string InstructionTopic { get; init; } = Node.InstructionTopic;

    /// <summary>When set, the instruction of every step (the instruction topic is then not read).</summary>
    public string Instruction { get; init; } = Node.Instruction;

    /// <summary>trajectory_msgs/JointTrajectory the robot was commanded with; optional (empty, or absent from the bag).</summary>
    public string CommandTopic { get; init; } = Node.TrajectoryTopic;

    /// <summary><c>per_image</c>: a step per new synchronised set of images; <c>rate</c>: a step every 1/RateHz of bag time.</summary>
    public string StepMode { get; init; } = Node.StepMode;

    public double RateHz { get; init; } = Node.RateHz;
    public TimeSpan SyncTolerance { get; init; } = TimeSpan.FromSeconds(Node.SyncTolerance);

    /// <summary>Rate stepping: an observation older than this at a tick is not stepped on (the node would hold).</summary>
    public TimeSpan ObservationTimeout { get; init; } = TimeSpan.FromSeconds(Node.ObservationTimeout);

    /// <summary>The arm whose joint states are read: its forward kinematics give the tool pose history (HeiSD, KERV, the
    /// motion phase) and turn recorded commands into actions.</summary>
    public KinematicChain Arm { get; init; } = ShippedRobot.ByName(Node.Robot).Arm;

    /// <summary>How actions map to joint targets on the robot; its inverse turns a recorded command into an action.</summary>
    public ActionMapperOptions Mapping { get; init; } = new();

    public IReadOnlyList<string> GripperJoints { get; init; } = Node.GripperJoints;
    public double GripperOpenPosition { get; init; } = Node.GripperOpenPosition;
    public double GripperClosedPosition { get; init; } = Node.GripperClosedPosition;

    /// <summary>Tool poses kept for the kinematic features (one per control step).</summary>
    public int HistoryLength { get; init; } = 64;

    public void Validate()
    {
        if (CameraTopics.Count == 0 || CameraTopics.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("camera topics must name at least one topic, none empty");
        if (CameraNames.Count > 0 && CameraNames.Count != CameraTopics.Count)
            throw new ArgumentException($"{CameraNames.Count} camera name(s) for {CameraTopics.Count} camera topic(s)");
        if (StepMode is not ("per_image" or "rate"))
            throw new ArgumentException($"step mode '{StepMode}' is not per_image or rate");
        if (RateHz is not (> 0 and <= 1000))
            throw new ArgumentException($"rate {RateHz} Hz is outside (0, 1000]");
        if (SyncTolerance < TimeSpan.Zero || ObservationTimeout <= TimeSpan.Zero)
            throw new ArgumentException("sync tolerance must be >= 0 and observation timeout > 0");
    }
}
