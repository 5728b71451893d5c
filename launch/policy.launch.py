"""The VLA policy node alone: the block real_arm, gazebo, simulator and bag_replay include (each passes the
arguments it has; the rest keep the defaults below).

ros2 launch vla_ros_node policy.launch.py model_package:=/path/to/model robot:=ur5e
Parameters, later ones winning: config/policy_node.yaml (every one, with its default), then robot_config
(default config/policy_node.<robot>.yaml: controller topic, gripper, workspace, camera topics), then the
arguments below.
"""
from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution
from launch_ros.actions import Node
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
        DeclareLaunchArgument("use_sim_time", default_value="false", description="step on /clock (simulators, bag replay)"),
        Node(
            package="vla_ros_node",
            executable="vla_policy_node",
            name="vla_policy",
            output="screen",
            parameters=[
                PathJoinSubstitution([config, "policy_node.yaml"]),
                LaunchConfiguration("robot_config"),
                {
                    "model_package": LaunchConfiguration("model_package"),
                    "robot": robot,
                    "precision": LaunchConfiguration("precision"),
                    "decoding_mode": LaunchConfiguration("decoding_mode"),
                    "datastore_file": LaunchConfiguration("datastore_file"),
                    "heisd.top_k": LaunchConfiguration("heisd_top_k"),
                    "dyq.enable": LaunchConfiguration("dyq_enable"),
                    "dyq.map_file": LaunchConfiguration("dyq_map_file"),
                    "device": LaunchConfiguration("device"),
                    "instruction": LaunchConfiguration("instruction"),
                    "use_sim_time": LaunchConfiguration("use_sim_time"),
                },
            ],
        ),
    ])
