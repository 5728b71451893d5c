using VlaRosNode.Kinematics.Urdf;

namespace VlaRosNode.Kinematics.Chains;

/// <summary>
/// The independent joint variables of a chain or tree (moving joints that are not mimics), in order,
/// with their limits. Continuous joints have infinite position limits.
/// </summary>
public sealed class JointVariables
{
    private readonly double[] lower;
    private readonly double[] upper;
    private readonly double[] velocity;

    internal JointVariables(IReadOnlyList<UrdfJoint> joints)
    {
        Names = joints.Select(j => j.Name).ToArray();
        Types = joints.Select(j => j.Type).ToArray();
        lower = joints.Select(j => j.Limits?.Lower ?? double.NegativeInfinity).ToArray();
        upper = joints.Select(j => j.Limits?.Upper ?? double.PositiveInfinity).ToArray();
        velocity = joints.Select(j => j.Limits?.Velocity ?? double.PositiveInfinity).ToArray();
    }

    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<JointType> Types { get; }
    public int Count => Names.Count;
    public ReadOnlySpan<double> Lower => lower;
    public ReadOnlySpan<double> Upper => upper;
    public ReadOnlySpan<double> VelocityLimits => velocity;

    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
            if (Names[i] == name)
                return i;
        return -1;
    }

    public void Clamp(Span<double> q)
    {
        for (var i = 0; i < q.Length; i++)
            q[i] = Math.Clamp(q[i], lower[i], upper[i]);
    }

    public bool AreWithinLimits(ReadOnlySpan<double> q, double tolerance = 0)
    {
        for (var i = 0; i < q.Length; i++)
            if (q[i] < lower[i] - tolerance || q[i] > upper[i] + tolerance)
                return false;
        return true;
    }

    /// <summary>
    /// A uniformly random configuration within the limits, each range capped to [-pi, pi] so continuous and
    /// multi-turn joints stay within one turn (IK restarts, tests, benchmarks).
    /// </summary>
    public void Sample(Random random, Span<double> q)
    {
        for (var i = 0; i < q.Length; i++)
        {
            var (lo, hi) = (Math.Max(lower[i], -Math.PI), Math.Min(upper[i], Math.PI));
            q[i] = lo + random.NextDouble() * (hi - lo);
        }
    }

    /// <summary>Middle of each range (0 for unbounded joints): a neutral IK seed.</summary>
    public double[] MidRange()
    {
        var mid = new double[Count];
        for (var i = 0; i < Count; i++)
            mid[i] = double.IsFinite(lower[i]) && double.IsFinite(upper[i]) ? (lower[i] + upper[i]) / 2 : 0;
        return mid;
    }
}
