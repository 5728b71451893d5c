"""The VLA policy node on an arm simulated in Gazebo (gz sim), on simulated time.

ros2 launch vla_ros_node gazebo.launch.py model_package:=/path/to/model world:=/path/to/arm_world.sdf
- Jazzy pairs with Gazebo Harmonic: the defaults work as they are.
- Humble pairs with Gazebo Fortress: add bridge_config:=<share>/config/gz_bridge.fortress.yaml
  (Fortress's bridge names its types ignition.msgs.*).
The world (or your robot bringup) spawns the arm with gz_ros2_control, so the controllers run inside the
simulator on the same topics as on the real arm; cameras and /clock come through ros_gz_bridge.
"""
from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument, IncludeLaunchDescription
from launch.launch_description_sources import PythonLaunchDescriptionSource
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution
from launch_ros.actions import Node
from launch_ros.substitutions import FindPackageShare


def generate_launch_description():
    config = PathJoinSubstitution([FindPackageShare("vla_ros_node"), "config"])
    robot = LaunchConfiguration("robot")
    return LaunchDescription([
        DeclareLaunchArgument("model_package", description="model package folder (manifest.yaml + ONNX files)"),
        DeclareLaunchArgument("world", default_value="empty.sdf", description="world file given to gz sim (spawns the arm and cameras)"),
        DeclareLaunchArgument("robot", default_value="panda", description="shipped arm model and its config: panda or ur5e"),
        DeclareLaunchArgument("robot_config", default_value=PathJoinSubstitution([config, ["policy_node.", robot, ".yaml"]]),
                              description="parameter file of the robot: controller topic, gripper, workspace, camera topics"),
        DeclareLaunchArgument("bridge_config", default_value=PathJoinSubstitution([config, "gz_bridge.yaml"]),
                              description="ros_gz_bridge topics: gz_bridge.yaml (Harmonic) or gz_bridge.fortress.yaml (Fortress)"),
        DeclareLaunchArgument("precision", default_value="fp32", description="decoder precision variant of the model package"),
        DeclareLaunchArgument("decoding_mode", default_value="ar", description="decoding strategy: ar, spec, retrieval, heisd or kerv (docs/decoding.md)"),
        DeclareLaunchArgument("datastore_file", default_value="", description="retrieval datastore for the retrieval and heisd modes"),
        DeclareLaunchArgument("heisd_top_k", default_value="5", description="candidates HeiSD verifies per step (5: the paper; 1: the fastest on a CPU, docs/decoding.md)"),
        DeclareLaunchArgument("dyq_enable", default_value="false", description="DyQ: switch the decoder precision from the arm's motion (docs/dyq.md)"),
        DeclareLaunchArgument("dyq_map_file", default_value="", description="DyQ calibration from `vla dyq calibrate` (empty: the built-in defaults)"),
        DeclareLaunchArgument("instruction", default_value="", description="task instruction until one arrives on /vla/instruction"),
        IncludeLaunchDescription(
            PythonLaunchDescriptionSource(PathJoinSubstitution([FindPackageShare("ros_gz_sim"), "launch", "gz_sim.launch.py"])),
            launch_arguments={"gz_args": ["-r ", LaunchConfiguration("world")]}.items(),
        ),
        Node(
            package="ros_gz_bridge",
            executable="parameter_bridge",
            name="gz_bridge",
            output="screen",
            parameters=[{"config_file": LaunchConfiguration("bridge_config"), "use_sim_time": True}],
        ),
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
                "instruction": LaunchConfiguration("instruction"),
                "use_sim_time": "true",
            }.items(),
        ),
    ])
