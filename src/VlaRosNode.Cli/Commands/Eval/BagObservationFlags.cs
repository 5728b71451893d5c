using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Replay;

namespace VlaRosNode.Cli.Commands.Eval;

/// <summary>The options that say how a bag becomes observations (<c>vla eval replay</c>, <c>vla datastore build --bag</c>);
/// topics, stepping and arm default to the policy node's parameters.</summary>
internal static class BagObservationFlags
{
    private static readonly BagObservationOptions Defaults = new();
    private static readonly PolicyNodeSettings Node = new();

    public static CommandOptions BagObservationOptions(this CommandOptions options) => options
        .List("--camera-topics", "TOPIC", $"one image topic per model camera, in the manifest's order (sensor_msgs/Image or CompressedImage, " +
            $"also TOPIC/compressed; default {string.Join(" ", Defaults.CameraTopics)})")
        .Value("--joint-states-topic", "TOPIC", "sensor_msgs/JointState of the arm", defaultValue: Defaults.JointStatesTopic)
        .Value("--instruction-topic", "TOPIC", "std_msgs/String instruction; a new text starts a new episode", defaultValue: Defaults.InstructionTopic)
        .Value("--instruction", "TEXT", "the instruction of every step, instead of the instruction topic")
        .Value("--command-topic", "TOPIC", "recorded trajectory_msgs/JointTrajectory (compared when the bag has it)", defaultValue: Defaults.CommandTopic)
        .Choice("--step-mode", ["per_image", "rate"], "a step per new synchronised set of images, or at --rate on the stamps' clock", defaultValue: Defaults.StepMode)
        .Value("--rate", "HZ", "step rate with --step-mode rate", defaultValue: Defaults.RateHz.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Value("--sync-tolerance", "S", "largest spread of the stamps of one observation", defaultValue: Defaults.SyncTolerance.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Choice("--robot", [.. ShippedRobot.Names], "shipped arm whose joints the bag records", defaultValue: Node.Robot)
        .Value("--urdf", "FILE", "the arm's URDF instead of a shipped robot (with --base-link and --tool-link)")
        .Value("--base-link", "LINK", "base link of the arm chain")
        .Value("--tool-link", "LINK", "tool link of the arm chain");

    /// <summary>The options for a model that sees <paramref name="modelCameras"/> (its manifest's cameras, in order).</summary>
    /// <exception cref="UsageException">A bad number.</exception>
    /// <exception cref="ArgumentException">Not one camera topic per model camera; a URDF without links, links not in the model.</exception>
    /// <exception cref="Kinematics.Urdf.UrdfException">The URDF does not parse.</exception>
    public static BagObservationOptions Parse(ParsedOptions flags, IReadOnlyList<string> modelCameras)
    {
        var arm = new PolicyNodeSettings
        {
            Robot = flags.Required("--robot"),
            UrdfPath = flags.Text("--urdf") ?? "",
            BaseLink = flags.Text("--base-link") ?? "",
            ToolLink = flags.Text("--tool-link") ?? "",
        };
        var given = flags.All("--camera-topics").SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        var cameras = given.Length > 0 ? given : Defaults.CameraTopics;
        CameraTopicCheck.RequireOnePerCamera(cameras, modelCameras, given.Length > 0 ? "--camera-topics names" : "--camera-topics defaults to");
        return new BagObservationOptions
        {
            CameraTopics = cameras,
            CameraNames = modelCameras,
            JointStatesTopic = flags.Required("--joint-states-topic"),
            InstructionTopic = flags.Required("--instruction-topic"),
            Instruction = flags.Text("--instruction") ?? Defaults.Instruction,
            CommandTopic = flags.Required("--command-topic"),
            StepMode = flags.Required("--step-mode"),
            RateHz = flags.Number("--rate", above: 0),
            SyncTolerance = TimeSpan.FromSeconds(flags.Number("--sync-tolerance", atLeast: 0)),
            Arm = ArmModelLoader.Load(arm),
        };
    }
}
