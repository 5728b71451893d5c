using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Robots;

namespace VlaRosNode.Kinematics.Tests;

public class ChainConstructionTests
{
    private static readonly ShippedRobot Panda = ShippedRobot.Panda();

    [Test]
    public void ArmChainsHaveTheExpectedJointsAndLimits()
    {
        Assert.That(Panda.Arm.Variables.Names, Is.EqualTo(Enumerable.Range(1, 7).Select(i => $"panda_joint{i}")));
        Assert.That(Panda.Arm.LinkNames[0], Is.EqualTo("panda_link0"));
        Assert.That(Panda.Arm.LinkNames[^1], Is.EqualTo("panda_hand_tcp"));
        Assert.That(Panda.Arm.Variables.VelocityLimits.ToArray(), Is.EqualTo(new[] { 2.175, 2.175, 2.175, 2.175, 2.61, 2.61, 2.61 }));
        Assert.That(Panda.Arm.Variables.AreWithinLimits(Panda.ReadyPose), Is.True);
        var ur = ShippedRobot.Ur5e();
        Assert.That(ur.Arm.Dof, Is.EqualTo(6));
        Assert.That(ur.Arm.Variables.AreWithinLimits(ur.ReadyPose), Is.True);
    }

    [Test]
    public void FingerChainIsDrivenByTheMimicMaster()
    {
        var chain = KinematicChain.Create(Panda.Model, "panda_hand", "panda_rightfinger");
        Assert.That(chain.Variables.Names, Is.EqualTo(new[] { "panda_finger_joint1" }));
        Assert.That(chain.ForwardKinematics([0.03]).Position.Y, Is.EqualTo(-0.03).Within(1e-15));
    }

    [Test]
    public void BadChainRequestsNameTheProblem()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => KinematicChain.Create(Panda.Model, "panda_link0", "nope"))!.Message, Does.Contain("no link 'nope'"));
        Assert.That(Assert.Throws<ArgumentException>(() => KinematicChain.Create(Panda.Model, "panda_leftfinger", "panda_link3"))!.Message,
            Does.Contain("'panda_leftfinger' is not an ancestor of 'panda_link3'"));
        Assert.That(Assert.Throws<ArgumentException>(() => Panda.Arm.ForwardKinematics([0.0, 0.0]))!.Message, Does.Contain("has 7 joints, got 2"));
        Assert.That(Assert.Throws<ArgumentException>(() => ShippedRobot.ByName("kuka"))!.Message, Does.Contain("known: panda, ur5e"));
    }
}
