namespace VlaRosNode.Kinematics.Geometry;

/// <summary>A spatial velocity: linear (m/s) of a frame's origin and angular (rad/s), both in the base frame.</summary>
public readonly record struct Twist(Vector3d Linear, Vector3d Angular);
