namespace VlaRosNode.Policy.Actions;

/// <summary>
/// One dataset's action statistics (OpenVLA's <c>norm_stats[unnorm_key]["action"]</c>): 1st and 99th
/// percentiles per dimension, and which dimensions are un-normalised (false for the gripper).
/// </summary>
public sealed record ActionStatistics(float[] Q01, float[] Q99, bool[] Mask);
