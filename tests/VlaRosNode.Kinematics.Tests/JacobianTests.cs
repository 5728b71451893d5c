using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Robots;
using static VlaRosNode.Kinematics.Tests.Support.Configurations;
using VlaRosNode.Kinematics.Urdf;

namespace VlaRosNode.Kinematics.Tests;

public class JacobianTests
{
    private static IEnumerable<TestCaseData> Chains()
    {
        var panda = ShippedRobot.Panda();
        yield return new TestCaseData(panda.Arm).SetArgDisplayNames("panda tcp");
        yield return new TestCaseData(ShippedRobot.Ur5e().Arm).SetArgDisplayNames("ur5e tool0");
        // Through a prismatic mimic joint: the right finger is driven by panda_finger_joint1.
        yield return new TestCaseData(KinematicChain.Create(panda.Model, "panda_link0", "panda_rightfinger")).SetArgDisplayNames("panda right finger");
    }

    [TestCaseSource(nameof(Chains))]
    public void GeometricJacobianMatchesCentralDifferencesOfForwardKinematics(KinematicChain chain)
    {
        const double h = 1e-6;
        var random = new Random(11);
        var jacobian = chain.CreateJacobian();
        for (var trial = 0; trial < 50; trial++)
        {
            var q = Sample(chain.Variables, random);
            chain.Jacobian(q, jacobian);
            var pose = chain.ForwardKinematics(q);
            for (var j = 0; j < chain.Dof; j++)
            {
                var plus = (double[])q.Clone();
                var minus = (double[])q.Clone();
                plus[j] += h;
                minus[j] -= h;
                var fPlus = chain.ForwardKinematics(plus);
                var fMinus = chain.ForwardKinematics(minus);
                var linear = (fPlus.Position - fMinus.Position) / (2 * h);
                // Angular velocity: log(R(q+h) R(q-h)^T) / 2h, in the base frame.
                var angular = (fPlus.Rotation * fMinus.Rotation.Transposed()).ToRotationVector() / (2 * h);
                double[] expected = [linear.X, linear.Y, linear.Z, angular.X, angular.Y, angular.Z];
                for (var row = 0; row < 6; row++)
                    Assert.That(jacobian[row, j], Is.EqualTo(expected[row]).Within(1e-6), $"J[{row},{chain.Variables.Names[j]}]");
            }
            Assert.That(pose.Position, Is.EqualTo(chain.Jacobian(q, jacobian).Position));
        }
    }

    [Test]
    public void PrismaticColumnHasNoAngularPart()
    {
        var panda = ShippedRobot.Panda();
        var chain = KinematicChain.Create(panda.Model, "panda_link0", "panda_leftfinger");
        var jacobian = chain.CreateJacobian();
        chain.Jacobian(Sample(chain.Variables, new Random(3)), jacobian);
        var finger = chain.Variables.IndexOf("panda_finger_joint1");
        Assert.That(chain.Variables.Types[finger], Is.EqualTo(JointType.Prismatic));
        Assert.That(jacobian.Column(finger).SubVector(3, 3).L2Norm(), Is.Zero);
        Assert.That(jacobian.Column(finger).SubVector(0, 3).L2Norm(), Is.EqualTo(1).Within(1e-12));
    }
}
