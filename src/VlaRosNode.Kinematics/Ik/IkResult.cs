namespace VlaRosNode.Kinematics.Ik;

/// <summary>
/// What an IK solve reached: the remaining errors at the returned joint vector (metres, radians), the
/// iterations spent over all attempts, and how many attempts (1 + restarts used) it took.
/// </summary>
public readonly record struct IkResult(bool Converged, int Iterations, int Attempts, double PositionError, double OrientationError);
