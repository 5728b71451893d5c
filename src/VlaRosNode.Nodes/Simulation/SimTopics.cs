namespace VlaRosNode.Nodes.Simulation;

/// <summary>Topic and frame names of the simulated robot: the usual ones of a ROS 2 arm with two cameras.</summary>
public static class SimTopics
{
    public const string JointStates = "/joint_states";
    public const string AgentImage = "/camera/image_raw", AgentCameraInfo = "/camera/camera_info";
    public const string WristImage = "/wrist_camera/image_raw", WristCameraInfo = "/wrist_camera/camera_info";
    public const string Clock = "/clock";
    public const string Instruction = "/vla/instruction";
    public const string EpisodeResult = "/sim/episode_result";

    /// <summary>Where demonstrations record the commanded joint targets (the policy node's default trajectory topic).</summary>
    public const string ArmTrajectory = "/arm_controller/joint_trajectory";

    public const string BaseFrame = "panda_link0";
    public const string AgentOpticalFrame = "agent_camera_optical_frame", WristOpticalFrame = "wrist_camera_optical_frame";

    /// <summary>The hand's finger joints in /joint_states: each moves half the opening.</summary>
    public static readonly string[] FingerJoints = ["panda_finger_joint1", "panda_finger_joint2"];
}
