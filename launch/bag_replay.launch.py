"""The VLA policy node on a recorded bag, closed to nothing: `ros2 bag play --clock` drives the node on the bag's
time and a recorder keeps what the node publishes, for comparing with the bag's own commands.

ros2 launch vla_ros_node bag_replay.launch.py bag:=/path/to/bag model_package:=/path/to/model
The bag needs the camera topics and /joint_states named in the robot's parameter file (remap otherwise).
"""
from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument, ExecuteProcess, IncludeLaunchDescription, TimerAction
from launch.launch_description_sources import PythonLaunchDescriptionSource
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution
from launch_ros.substitutions import FindPackageShare


def generate_launch_description():
    config = PathJoinSubstitution([FindPackageShare("vla_ros_node"), "config"])
    robot = LaunchConfiguration("robot")
    return LaunchDescription([
        DeclareLaunchArgument("bag", description="rosbag2 folder (or file) to play"),
        DeclareLaunchArgument("model_package", description="model package folder (manifest.yaml + ONNX files)"),
        DeclareLaunchArgument("robot", default_value="panda", description="shipped arm model and its config: panda or ur5e"),
        DeclareLaunchArgument("robot_config", default_value=PathJoinSubstitution([config, ["policy_node.", robot, ".yaml"]]),
                              description="parameter file of the robot the bag was recorded on"),
        DeclareLaunchArgument("precision", default_value="fp32", description="decoder precision variant of the model package"),
        DeclareLaunchArgument("decoding_mode", default_value="ar", description="decoding strategy: ar, spec, retrieval, heisd or kerv (docs/decoding.md)"),
        DeclareLaunchArgument("datastore_file", default_value="", description="retrieval datastore for the retrieval and heisd modes"),
        DeclareLaunchArgument("heisd_top_k", default_value="5", description="candidates HeiSD verifies per step (5: the paper; 1: the fastest on a CPU, docs/decoding.md)"),
        DeclareLaunchArgument("dyq_enable", default_value="false", description="DyQ: switch the decoder precision from the arm's motion (docs/dyq.md)"),
        DeclareLaunchArgument("dyq_map_file", default_value="", description="DyQ calibration from `vla dyq calibrate` (empty: the built-in defaults)"),
        DeclareLaunchArgument("rate", default_value="1.0", description="playback rate (the node steps on bag time)"),
        DeclareLaunchArgument("play_delay", default_value="5.0", description="seconds to wait for the model to load before playing"),
        DeclareLaunchArgument("output", default_value="vla_replay_outputs", description="bag folder the node's outputs are recorded to"),
        DeclareLaunchArgument("record_regex", default_value="/vla/status|/diagnostics|.*/joint_trajectory",
                              description="topics recorded (ros2 bag record -e)"),
        IncludeLaunchDescription(
            PythonLaunchDescriptionSource(PathJoinSubstitution([FindPackageShare("vla_ros_node"), "launch", "policy.launch.py"])),
            launch_arguments={
                "model_package": LaunchConfiguration("model_package"),
                "robot": LaunchConfiguration("robot"),
                "robot_config": LaunchConfiguration("robot_config"),
                "precision": LaunchConfiguration("precision"),
                "decoding_mode": LaunchConfiguration("decoding_mode"),
                "datastore_file": LaunchConfiguration("datastore_file"),
                "heisd_top_k": LaunchConfiguration("heisd_top_k"),
                "dyq_enable": LaunchConfiguration("dyq_enable"),
                "dyq_map_file": LaunchConfiguration("dyq_map_file"),
                "use_sim_time": "true",
            }.items(),
        ),
        ExecuteProcess(
            cmd=["ros2", "bag", "record", "-o", LaunchConfiguration("output"), "-e", LaunchConfiguration("record_regex")],
            output="screen",
        ),
        TimerAction(
            period=LaunchConfiguration("play_delay"),
            actions=[ExecuteProcess(
                cmd=["ros2", "bag", "play", "--clock", "--rate", LaunchConfiguration("rate"), LaunchConfiguration("bag")],
                output="screen",
            )],
        ),
    ])
