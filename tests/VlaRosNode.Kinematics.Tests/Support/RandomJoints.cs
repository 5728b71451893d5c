using VlaRosNode.Kinematics.Chains;

namespace VlaRosNode.Kinematics.Tests.Support;

public static class RandomJoints
{
    /// <summary>A uniformly random configuration inside the limits (capped to +-pi for wide joints).</summary>
    public static double[] Within(JointVariables variables, Random random, double margin = 0)
    {
        var q = new double[variables.Count];
        for (var i = 0; i < q.Length; i++)
        {
            var lo = Math.Max(variables.Lower[i], -Math.PI) + margin;
            var hi = Math.Min(variables.Upper[i], Math.PI) - margin;
            q[i] = lo + random.NextDouble() * (hi - lo);
        }
        return q;
    }
}
