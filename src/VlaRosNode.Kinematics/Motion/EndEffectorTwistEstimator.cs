using MathNet.Numerics.LinearAlgebra;
using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Urdf;

namespace VlaRosNode.Kinematics.Motion;

/// <summary>
/// The tool's twist J(q) qdot from successive joint states. qdot is the message's velocities when it has
/// them for every chain joint (finite); otherwise the finite difference of positions against the previous
/// state (continuous joints wrap across +-pi). One instance per joint-state stream; not thread-safe.
/// </summary>
public sealed class EndEffectorTwistEstimator
{
    private readonly KinematicChain chain;
    private readonly JointStateMapping mapping;
    private readonly Matrix<double> jacobian;
    private readonly double[] q;
    private readonly double[] qdot;
    private readonly double[] previousQ;
    private double previousTime = double.NaN;

    public EndEffectorTwistEstimator(KinematicChain chain)
    {
        this.chain = chain;
        mapping = new JointStateMapping(chain.Variables);
        jacobian = chain.CreateJacobian();
        q = new double[chain.Dof];
        qdot = new double[chain.Dof];
        previousQ = new double[chain.Dof];
    }

    /// <summary>Whether the last successful estimate used finite differences instead of reported velocities.</summary>
    public bool LastUsedFiniteDifferences { get; private set; }

    /// <summary>The tool pose at the last joint state.</summary>
    public Pose3d ToolPose { get; private set; }

    /// <summary>
    /// Takes one joint state (names, positions, velocities possibly empty, stamp in seconds). Returns false
    /// when no twist can be formed yet: no velocities and no earlier state, or a stamp not after the last.
    /// </summary>
    public bool TryUpdate(IReadOnlyList<string> names, ReadOnlySpan<double> positions, ReadOnlySpan<double> velocities,
        double timeSeconds, out Twist twist)
    {
        if (positions.Length != names.Count)
            throw new ArgumentException($"the joint state has {names.Count} names but {positions.Length} positions", nameof(positions));
        mapping.Update(names);
        mapping.Gather(positions, q);

        var haveVelocities = velocities.Length == names.Count && AllFinite(velocities);
        var dt = timeSeconds - previousTime; // NaN before the first state
        if (!haveVelocities && !(dt > 0))
        {
            ToolPose = chain.ForwardKinematics(q);
            if (double.IsNaN(previousTime))
                Remember(timeSeconds); // the first state is the reference for the next difference
            twist = default;
            return false; // a repeated or out-of-order stamp keeps the earlier reference
        }

        if (haveVelocities)
            mapping.Gather(velocities, qdot);
        else
            Difference(dt);
        LastUsedFiniteDifferences = !haveVelocities;
        Remember(timeSeconds);
        ToolPose = chain.Jacobian(q, jacobian);
        twist = Multiply();
        return true;
    }

    /// <summary>Forgets the previous state (a new episode), so the next one starts a fresh difference.</summary>
    public void Reset() => previousTime = double.NaN;

    private void Remember(double timeSeconds)
    {
        q.CopyTo(previousQ);
        previousTime = timeSeconds;
    }

    private void Difference(double dt)
    {
        var types = chain.Variables.Types;
        for (var j = 0; j < q.Length; j++)
        {
            var delta = q[j] - previousQ[j];
            if (types[j] == JointType.Continuous)
                delta = Math.IEEERemainder(delta, 2 * Math.PI);
            qdot[j] = delta / dt;
        }
    }

    private Twist Multiply()
    {
        Span<double> v = stackalloc double[6];
        var columns = jacobian.AsColumnMajorArray(); // element (r, j) at 6 j + r
        for (var j = 0; j < qdot.Length; j++)
            for (var r = 0; r < 6; r++)
                v[r] += columns[6 * j + r] * qdot[j];
        return new Twist(new Vector3d(v[0], v[1], v[2]), new Vector3d(v[3], v[4], v[5]));
    }

    private bool AllFinite(ReadOnlySpan<double> velocities)
    {
        for (var v = 0; v < chain.Dof; v++)
            if (!double.IsFinite(velocities[mapping[v]]))
                return false;
        return true;
    }
}
