"""The VLA policy node closing the loop on the built-in tabletop simulator (no Gazebo, no robot needed).

ros2 launch vla_ros_node simulator.launch.py model_package:=/path/to/model suite:=goal
The simulator node publishes /clock, /joint_states, both cameras and the episode's instruction and executes the
policy's JointTrajectory on /arm_controller/joint_trajectory; episode results go to /sim/episode_result.
"""
from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument, IncludeLaunchDescription
from launch.launch_description_sources import PythonLaunchDescriptionSource
from launch.substitutions import LaunchConfiguration, PathJoinSubstitution
from launch_ros.actions import Node
from launch_ros.substitutions import FindPackageShare


def generate_launch_description():
    config = PathJoinSubstitution([FindPackageShare("vla_ros_node"), "config"])
    return LaunchDescription([
        DeclareLaunchArgument("model_package", description="model package folder (manifest.yaml + ONNX files; two cameras)"),
        DeclareLaunchArgument("suite", default_value="all", description="task suite: spatial, object, goal, long or all"),
        DeclareLaunchArgument("episodes", default_value="0", description="episodes to run, then stop stepping (0 = without end)"),
        DeclareLaunchArgument("seed", default_value="0", description="seed of the episodes' layouts"),
        DeclareLaunchArgument("real_time_factor", default_value="1.0", description="simulated seconds per wall-clock second"),
        DeclareLaunchArgument("precision", default_value="fp32", description="decoder precision variant of the model package"),
        DeclareLaunchArgument("decoding_mode", default_value="ar", description="decoding strategy: ar, spec, retrieval, heisd or kerv (docs/decoding.md)"),
        DeclareLaunchArgument("datastore_file", default_value="", description="retrieval datastore for the retrieval and heisd modes"),
        DeclareLaunchArgument("heisd_top_k", default_value="5", description="candidates HeiSD verifies per step (5: the paper; 1: the fastest on a CPU, docs/decoding.md)"),
        DeclareLaunchArgument("dyq_enable", default_value="false", description="DyQ: switch the decoder precision from the arm's motion (docs/dyq.md)"),
        DeclareLaunchArgument("dyq_map_file", default_value="", description="DyQ calibration from `vla dyq calibrate` (empty: the built-in defaults)"),
        Node(
            package="vla_ros_node",
            executable="vla_sim_node",
            name="vla_sim",
            output="screen",
            parameters=[
                PathJoinSubstitution([config, "sim_node.yaml"]),
                {
                    "suite": LaunchConfiguration("suite"),
                    "episodes": LaunchConfiguration("episodes"),
                    "seed": LaunchConfiguration("seed"),
                    "real_time_factor": LaunchConfiguration("real_time_factor"),
                    # The policy node loads its model while the simulator starts: the first episode waits for it.
                    "wait_for_controller": True,
                },
            ],
        ),
        IncludeLaunchDescription(
            PythonLaunchDescriptionSource(PathJoinSubstitution([FindPackageShare("vla_ros_node"), "launch", "policy.launch.py"])),
            launch_arguments={
                "model_package": LaunchConfiguration("model_package"),
                "precision": LaunchConfiguration("precision"),
                "decoding_mode": LaunchConfiguration("decoding_mode"),
                "datastore_file": LaunchConfiguration("datastore_file"),
                "heisd_top_k": LaunchConfiguration("heisd_top_k"),
                "dyq_enable": LaunchConfiguration("dyq_enable"),
                "dyq_map_file": LaunchConfiguration("dyq_map_file"),
                "robot_config": PathJoinSubstitution([config, "policy_node.sim.yaml"]),
                "use_sim_time": "true",
            }.items(),
        ),
    ])
