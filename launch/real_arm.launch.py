"""The VLA policy node on a real arm driven by a joint_trajectory_controller (ros2_control).

ros2 launch vla_ros_node real_arm.launch.py model_package:=/path/to/model robot:=ur5e
Parameters: config/policy_node.yaml (every one, with its default), then the robot's file (robot_config,
default config/policy_node.<robot>.yaml: controller topic, gripper joints and controller, workspace), then
the arguments below. For another arm, copy a robot file and set trajectory_topic, camera_topics,
urdf_path + base_link + tool_link (the commanded joints are the URDF chain's) and gripper_joints, then pass
robot_config:=/path/to/it.
"""
from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument, IncludeLaunchDescription
from launch.launch_description_sources import PythonLaunchDescriptionSource
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution
from launch_ros.substitutions import FindPackageShare


def generate_launch_description():
    config = PathJoinSubstitution([FindPackageShare("vla_ros_node"), "config"])
    robot = LaunchConfiguration("robot")
    return LaunchDescription([
        DeclareLaunchArgument("model_package", description="model package folder (manifest.yaml + ONNX files)"),
        DeclareLaunchArgument("robot", default_value="panda", description="shipped arm model and its config: panda or ur5e"),
        DeclareLaunchArgument("robot_config",
                              default_value=PathJoinSubstitution([config, ["policy_node.", robot, ".yaml"]]),
                              description="parameter file of the robot: controller topic, gripper, workspace, camera topics"),
        DeclareLaunchArgument("precision", default_value="fp32", description="decoder precision variant of the model package (fp32, int8, ...)"),
        DeclareLaunchArgument("decoding_mode", default_value="ar", description="decoding strategy: ar, spec, retrieval, heisd or kerv (docs/decoding.md)"),
        DeclareLaunchArgument("datastore_file", default_value="", description="retrieval datastore for the retrieval and heisd modes"),
        DeclareLaunchArgument("heisd_top_k", default_value="5", description="candidates HeiSD verifies per step (5: the paper; 1: the fastest on a CPU, docs/decoding.md)"),
        DeclareLaunchArgument("dyq_enable", default_value="false", description="DyQ: switch the decoder precision from the arm's motion (docs/dyq.md)"),
        DeclareLaunchArgument("dyq_map_file", default_value="", description="DyQ calibration from `vla dyq calibrate` (empty: the built-in defaults)"),
        DeclareLaunchArgument("device", default_value="cpu", description="cpu or cuda"),
        DeclareLaunchArgument("instruction", default_value="", description="task instruction until one arrives on /vla/instruction"),
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
                "device": LaunchConfiguration("device"),
                "instruction": LaunchConfiguration("instruction"),
            }.items(),
        ),
    ])
