using VlaRosNode.Nodes.Dyq;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Policy.TokenCache;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.ArmControl;

/// <summary>
/// Every parameter of the policy node, declared on the node with its default and description (the defaults are
/// written here once; config/policy_node*.yaml only overrides). Read once at start-up.
/// </summary>
public sealed record PolicyNodeSettings
{
    // Model
    public string ModelPackage { get; init; } = "";
    public string UnnormKey { get; init; } = "";
    public string Precision { get; init; } = "fp32";

    /// <summary>DyQ's switch (dyq.* parameters, <see cref="DyqParameters"/>); null when dyq.enable is false.</summary>
    public DyqOptions? Dyq { get; init; }

    /// <summary>Visual token caching (token_cache.* parameters, <see cref="TokenCacheSettings"/>); null when off.</summary>
    public TokenCacheOptions? TokenCache { get; init; }
    public string Device { get; init; } = "cpu";
    public int IntraOpThreads { get; init; } = 1;
    public int WarmupSteps { get; init; } = 2;

    // Decoding strategy and its options (decoding_mode, datastore_file, <mode>.<option>)
    public DecodingSettings Decoding { get; init; } = new();

    // Inputs
    public string[] CameraTopics { get; init; } = ["/camera/image_raw"];
    public string ImageTransport { get; init; } = "raw";
    public string ImageQos { get; init; } = "sensor_data";
    public string JointStatesTopic { get; init; } = "/joint_states";
    public string InstructionTopic { get; init; } = "/vla/instruction";
    public string Instruction { get; init; } = "";

    // Stepping and safety
    public string StepMode { get; init; } = "per_image";
    public double RateHz { get; init; } = 20;
    public double SyncTolerance { get; init; } = 0.025;
    public double ObservationTimeout { get; init; } = 0.5;

    // Arm
    public string Robot { get; init; } = "panda";
    public string UrdfPath { get; init; } = "";
    public string BaseLink { get; init; } = "";
    public string ToolLink { get; init; } = "";
    public double PositionScale { get; init; } = 0.02;
    public double RotationScale { get; init; } = 0.15;
    public double ActionClip { get; init; } = 1.0;
    public double[] WorkspaceMin { get; init; } = [0.2, -0.45, 0.005];
    public double[] WorkspaceMax { get; init; } = [0.8, 0.45, 0.6];
    public int IkMaxIterations { get; init; } = 50;
    public double IkMaxPositionError { get; init; } = 0.005;
    public double IkMaxOrientationError { get; init; } = 0.05;
    public double VelocityScale { get; init; } = 1.0;

    // Gripper
    public bool CommandGripper { get; init; } = true;
    public string[] GripperJoints { get; init; } = ["panda_finger_joint1"];
    public double GripperOpenPosition { get; init; } = 0.04;
    public double GripperClosedPosition { get; init; } = 0.0;

    // Outputs
    public string TrajectoryTopic { get; init; } = "/arm_controller/joint_trajectory";
    public string GripperTopic { get; init; } = "";
    public double CommandHorizon { get; init; } = 0.05;
    public string TwistTopic { get; init; } = "";
    public string StatusTopic { get; init; } = "/vla/status";

    /// <summary>Declares every parameter on <paramref name="node"/> and returns the effective values; a bad value is
    /// an <see cref="ArgumentException"/> naming the parameter.</summary>
    public static PolicyNodeSettings Declare(Node node)
    {
        var d = new PolicyNodeSettings();
        var s = new PolicyNodeSettings
        {
            ModelPackage = node.DeclareParameter("model_package", d.ModelPackage, "model package folder (manifest.yaml + ONNX files); relative paths are taken from the working directory", readOnly: true),
            UnnormKey = node.DeclareParameter("unnorm_key", d.UnnormKey, "dataset statistics that un-normalise actions; empty = the package's default", readOnly: true),
            Precision = node.DeclareParameter("precision", d.Precision, "decoder precision variant to load (a key of the manifest's decoder.files, optionally :accN); with dyq.enable the precisions come from dyq.*", readOnly: true),
            Device = node.DeclareParameter("device", d.Device, "ONNX Runtime execution provider: cpu or cuda (falls back to cpu when CUDA is unavailable)", readOnly: true),
            IntraOpThreads = node.DeclareParameter("intra_op_threads", d.IntraOpThreads, "ONNX Runtime threads inside one operator", readOnly: true),
            WarmupSteps = node.DeclareParameter("warmup_steps", d.WarmupSteps, "steps on a synthetic observation at every loaded precision before subscribing, so ONNX Runtime's costly first runs are not a real step's (0 = none)", readOnly: true),
            Decoding = DecodingSettings.Declare(node),

            CameraTopics = node.DeclareParameter("camera_topics", d.CameraTopics, "one sensor_msgs/Image topic per camera of the model, in the manifest's camera order", readOnly: true),
            ImageTransport = node.DeclareParameter("image_transport", d.ImageTransport, "raw (sensor_msgs/Image on each camera topic) or compressed (sensor_msgs/CompressedImage png or jpeg on <topic>/compressed)", readOnly: true),
            ImageQos = node.DeclareParameter("image_qos", d.ImageQos, "QoS of the image subscriptions, e.g. sensor_data or default,depth=1", readOnly: true),
            JointStatesTopic = node.DeclareParameter("joint_states_topic", d.JointStatesTopic, "sensor_msgs/JointState of the arm", readOnly: true),
            InstructionTopic = node.DeclareParameter("instruction_topic", d.InstructionTopic, "std_msgs/String; a message replaces the current instruction", readOnly: true),
            Instruction = node.DeclareParameter("instruction", d.Instruction, "the task instruction until one arrives on instruction_topic; empty = wait for one"),

            StepMode = node.DeclareParameter("step_mode", d.StepMode, "per_image: step once per new synchronised set of images; rate: step at rate_hz on the newest set", readOnly: true),
            RateHz = node.DeclareParameter("rate_hz", d.RateHz, "step rate in rate mode; in per_image mode the rate of the stale-observation watchdog", readOnly: true),
            SyncTolerance = node.DeclareParameter("sync_tolerance", d.SyncTolerance, "largest spread (s) of the image and joint-state stamps of one observation", readOnly: true),
            ObservationTimeout = node.DeclareParameter("observation_timeout", d.ObservationTimeout, "an observation older than this (s, node clock minus its oldest stamp) is not acted on", readOnly: true),

            Robot = node.DeclareParameter("robot", d.Robot, "shipped arm model (panda, ur5e), used unless urdf_path is set", readOnly: true),
            UrdfPath = node.DeclareParameter("urdf_path", d.UrdfPath, "URDF file of the arm; overrides robot", readOnly: true),
            BaseLink = node.DeclareParameter("base_link", d.BaseLink, "base frame of the arm chain (actions are in this frame); empty = the shipped robot's", readOnly: true),
            ToolLink = node.DeclareParameter("tool_link", d.ToolLink, "tool frame the action moves; empty = the shipped robot's", readOnly: true),
            PositionScale = node.DeclareParameter("position_scale", d.PositionScale, "metres of tool motion per unit of action translation (the simulator's DeltaAction.PositionScale)", readOnly: true),
            RotationScale = node.DeclareParameter("rotation_scale", d.RotationScale, "radians of tool rotation per unit of action rotation (the simulator's DeltaAction.RotationScale)", readOnly: true),
            ActionClip = node.DeclareParameter("action_clip", d.ActionClip, "each action dimension is clipped to [-action_clip, action_clip] before scaling", readOnly: true),
            WorkspaceMin = node.DeclareParameter("workspace_min", d.WorkspaceMin, "lower corner (x, y, z; m, base frame) of the box the tool target is kept in", readOnly: true),
            WorkspaceMax = node.DeclareParameter("workspace_max", d.WorkspaceMax, "upper corner (x, y, z; m, base frame) of the box the tool target is kept in", readOnly: true),
            IkMaxIterations = node.DeclareParameter("ik_max_iterations", d.IkMaxIterations, "damped least-squares iterations per step, seeded at the measured joints", readOnly: true),
            IkMaxPositionError = node.DeclareParameter("ik_max_position_error", d.IkMaxPositionError, "a step whose IK leaves more position error (m) than this holds instead", readOnly: true),
            IkMaxOrientationError = node.DeclareParameter("ik_max_orientation_error", d.IkMaxOrientationError, "a step whose IK leaves more orientation error (rad) than this holds instead", readOnly: true),
            VelocityScale = node.DeclareParameter("velocity_scale", d.VelocityScale, "fraction (0, 1] of the URDF joint velocity limits a step may use", readOnly: true),

            CommandGripper = node.DeclareParameter("command_gripper", d.CommandGripper, "command gripper_joints from the action's last value (false for an arm without a gripper)", readOnly: true),
            GripperJoints = node.DeclareParameter("gripper_joints", d.GripperJoints, "gripper joints, all set to the open or closed position", readOnly: true),
            GripperOpenPosition = node.DeclareParameter("gripper_open_position", d.GripperOpenPosition, "gripper joint position when the action's gripper value is <= 0", readOnly: true),
            GripperClosedPosition = node.DeclareParameter("gripper_closed_position", d.GripperClosedPosition, "gripper joint position when the action's gripper value is > 0", readOnly: true),

            TrajectoryTopic = node.DeclareParameter("trajectory_topic", d.TrajectoryTopic, "trajectory_msgs/JointTrajectory topic of the arm's joint_trajectory_controller", readOnly: true),
            GripperTopic = node.DeclareParameter("gripper_topic", d.GripperTopic, "JointTrajectory topic of a separate gripper controller; empty = gripper joints go with the arm's", readOnly: true),
            CommandHorizon = node.DeclareParameter("command_horizon", d.CommandHorizon, "time_from_start (s) of the commanded point: one control period", readOnly: true),
            TwistTopic = node.DeclareParameter("twist_topic", d.TwistTopic, "also publish the tool motion as geometry_msgs/TwistStamped here (MoveIt Servo's delta_twist_cmds); empty = off", readOnly: true),
            Dyq = DyqParameters.Declare(node),
            TokenCache = TokenCacheSettings.Declare(node),
            StatusTopic = node.DeclareParameter("status_topic", d.StatusTopic, "vla_ros_node/PolicyStatus after every step (also summarised on /diagnostics)", readOnly: true),
        };
        s.Validate();
        return s;
    }

    /// <summary>Checks ranges and combinations; throws <see cref="ArgumentException"/> naming the parameter.</summary>
    public void Validate()
    {
        Require(CameraTopics.Length > 0 && CameraTopics.All(t => t.Length > 0), "camera_topics", "needs one non-empty topic per camera");
        Require(ImageTransport is "raw" or "compressed", "image_transport", $"is '{ImageTransport}', expected raw or compressed");
        Require(StepMode is "per_image" or "rate", "step_mode", $"is '{StepMode}', expected per_image or rate");
        Require(Device is "cpu" or "cuda", "device", $"is '{Device}', expected cpu or cuda");
        Require(RateHz is > 0 and <= 1000, "rate_hz", $"is {RateHz}, expected (0, 1000]");
        Require(SyncTolerance >= 0, "sync_tolerance", "must be >= 0");
        Require(ObservationTimeout > 0, "observation_timeout", "must be > 0");
        Require(PositionScale > 0 && RotationScale >= 0 && ActionClip > 0, "position_scale/rotation_scale/action_clip", "must be positive");
        Require(WorkspaceMin.Length == 3 && WorkspaceMax.Length == 3 && WorkspaceMin.Zip(WorkspaceMax).All(p => p.First < p.Second), "workspace_min/workspace_max", "must be three values each with min < max");
        Require(IkMaxIterations > 0 && IkMaxPositionError > 0 && IkMaxOrientationError > 0, "ik_*", "must be positive");
        Require(VelocityScale is > 0 and <= 1, "velocity_scale", $"is {VelocityScale}, expected (0, 1]");
        Require(CommandHorizon > 0, "command_horizon", "must be > 0");
        Require(TrajectoryTopic.Length > 0, "trajectory_topic", "must be set");
        Require(IntraOpThreads > 0, "intra_op_threads", "must be > 0");
        Require(WarmupSteps >= 0, "warmup_steps", "must be >= 0");
    }

    private static void Require(bool condition, string parameter, string problem)
    {
        if (!condition)
            throw new ArgumentException($"parameter {parameter} {problem}");
    }
}
