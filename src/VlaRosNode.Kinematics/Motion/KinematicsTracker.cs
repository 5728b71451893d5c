using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Features;
using VlaRosNode.Kinematics.Geometry;

namespace VlaRosNode.Kinematics.Motion;

/// <summary>
/// Turns a joint-state stream into the end-effector stream the accelerations read: the tool pose and twist
/// of the latest state, and the stamped pose history that <see cref="KinematicFeatures"/> and
/// <see cref="FusedKinematicMetric"/> take their windows from. One per stream; not thread-safe.
/// </summary>
public sealed class KinematicsTracker(KinematicChain chain, int historyCapacity = 32)
{
    private readonly EndEffectorTwistEstimator estimator = new(chain);

    public PoseHistory History { get; } = new(historyCapacity);

    public Pose3d ToolPose => estimator.ToolPose;

    /// <summary>The latest twist; <see cref="HasTwist"/> says whether there is one yet.</summary>
    public Twist Twist { get; private set; }

    public bool HasTwist { get; private set; }

    /// <summary>
    /// Takes one joint state (any name order; velocities may be empty). Returns false when the state was dropped
    /// from the history because its stamp is not after the previous one.
    /// </summary>
    public bool Update(IReadOnlyList<string> names, ReadOnlySpan<double> positions, ReadOnlySpan<double> velocities, double timeSeconds)
    {
        if (estimator.TryUpdate(names, positions, velocities, timeSeconds, out var twist))
        {
            Twist = twist;
            HasTwist = true;
        }
        return History.Add(timeSeconds, estimator.ToolPose);
    }

    public void Reset()
    {
        History.Clear();
        estimator.Reset();
        HasTwist = false;
    }
}
