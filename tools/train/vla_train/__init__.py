"""Training and export of the small OpenVLA-shaped model shipped with vla_ros_node."""
