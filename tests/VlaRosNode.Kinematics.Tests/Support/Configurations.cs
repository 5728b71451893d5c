using VlaRosNode.Kinematics.Chains;

namespace VlaRosNode.Kinematics.Tests.Support;

public static class Configurations
{
    public static double[] Sample(JointVariables variables, Random random)
    {
        var q = new double[variables.Count];
        variables.Sample(random, q);
        return q;
    }
}
