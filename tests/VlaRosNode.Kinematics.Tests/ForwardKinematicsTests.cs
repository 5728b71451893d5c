using MathNet.Numerics.LinearAlgebra;
using VlaRosNode.Kinematics.Chains;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Kinematics.Tests.Support;
using static VlaRosNode.Kinematics.Tests.Support.Configurations;

namespace VlaRosNode.Kinematics.Tests;

public class ForwardKinematicsTests
{
    private static readonly ShippedRobot Panda = ShippedRobot.Panda();
    private static readonly ShippedRobot Ur5e = ShippedRobot.Ur5e();

    [Test]
    public void PandaFlangeMatchesFrankaDhTableAtRandomConfigurations()
    {
        var flange = KinematicChain.Create(Panda.Model, "panda_link0", "panda_link8");
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var q = Sample(flange.Variables, random);
            AssertSame(DhTables.ModifiedDhFk(DhTables.PandaModified, q), flange.ForwardKinematics(q), $"q = [{string.Join(", ", q)}]");
        }
    }

    [Test]
    public void PandaToolFrameIsTheFlangeTimesFrankasDefaultEndEffectorTransform()
    {
        // Franka docs: F_T_EE of the Franka Hand = RotZ(-pi/4) then 0.1034 m along z.
        var random = new Random(6);
        for (var trial = 0; trial < 50; trial++)
        {
            var q = Sample(Panda.Arm.Variables, random);
            var expected = DhTables.ModifiedDhFk(DhTables.PandaModified, q) * DhTables.RotZ(-Math.PI / 4) * DhTables.Trans(0, 0, 0.1034);
            AssertSame(expected, Panda.Arm.ForwardKinematics(q), "tcp");
        }
    }

    [Test]
    public void Ur5eToolMatchesUniversalRobotsDhTableAtRandomConfigurations()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var q = Sample(Ur5e.Arm.Variables, random);
            AssertSame(DhTables.StandardDhFk(DhTables.Ur5eStandard, q), Ur5e.Arm.ForwardKinematics(q), $"q = [{string.Join(", ", q)}]");
        }
    }

    [Test]
    public void ZeroConfigurationsGiveTheHandComputedPositions()
    {
        // Read off the tables at q = 0. Panda: x = a4 + a5 + a7 ... = 0.0825 - 0.0825 + 0.088, z = 0.333 + 0.316 + 0.384 - 0.107.
        var panda = KinematicChain.Create(Panda.Model, "panda_link0", "panda_link8").ForwardKinematics(new double[7]);
        Assert.That(panda.Position.X, Is.EqualTo(0.088).Within(1e-12));
        Assert.That(panda.Position.Y, Is.EqualTo(0).Within(1e-12));
        Assert.That(panda.Position.Z, Is.EqualTo(0.926).Within(1e-12));
        // UR5e: x = a2 + a3, y = -(d4 + d6), z = d1 - d5.
        var ur = Ur5e.Arm.ForwardKinematics(new double[6]);
        Assert.That(ur.Position.X, Is.EqualTo(-0.8172).Within(1e-12));
        Assert.That(ur.Position.Y, Is.EqualTo(-0.2329).Within(1e-12));
        Assert.That(ur.Position.Z, Is.EqualTo(0.0628).Within(1e-12));
    }

    [Test]
    public void ChainLinkPosesEndWithTheToolPoseAndMatchTheTree()
    {
        var q = Panda.ReadyPose.ToArray();
        var chainPoses = new Pose3d[Panda.Arm.LinkNames.Count];
        var tool = Panda.Arm.ForwardKinematics(q, chainPoses);
        Assert.That(chainPoses[^1], Is.EqualTo(tool));

        var treeQ = new double[Panda.Tree.Variables.Count];
        for (var i = 0; i < q.Length; i++)
            treeQ[Panda.Tree.Variables.IndexOf(Panda.Arm.Variables.Names[i])] = q[i];
        var treePoses = new Pose3d[Panda.Tree.LinkNames.Count];
        Panda.Tree.ForwardKinematics(treeQ, treePoses);
        for (var i = 0; i < chainPoses.Length; i++)
        {
            var fromTree = treePoses[Panda.Tree.LinkIndex(Panda.Arm.LinkNames[i])];
            Assert.That(Vector3d.Distance(fromTree.Position, chainPoses[i].Position), Is.LessThan(1e-12), Panda.Arm.LinkNames[i]);
        }
    }

    [Test]
    public void MimicFingerMovesOppositeToItsMasterBySameAmount()
    {
        var tree = Panda.Tree;
        Assert.That(tree.Variables.Names, Does.Contain("panda_finger_joint1").And.Not.Contain("panda_finger_joint2"));
        var q = new double[tree.Variables.Count];
        q[tree.Variables.IndexOf("panda_joint4")] = -1.5;
        q[tree.Variables.IndexOf("panda_finger_joint1")] = 0.03;
        var poses = new Pose3d[tree.LinkNames.Count];
        tree.ForwardKinematics(q, poses);
        var hand = poses[tree.LinkIndex("panda_hand")];
        var left = hand.Inverse() * poses[tree.LinkIndex("panda_leftfinger")];
        var right = hand.Inverse() * poses[tree.LinkIndex("panda_rightfinger")];
        Assert.That(left.Position.Y, Is.EqualTo(0.03).Within(1e-12));
        Assert.That(right.Position.Y, Is.EqualTo(-0.03).Within(1e-12));
        Assert.That(Vector3d.Distance(left.Position, right.Position), Is.EqualTo(0.06).Within(1e-12));
    }

    private static void AssertSame(Matrix<double> expected, Pose3d actual, string context)
    {
        var r = actual.Rotation;
        double[,] got =
        {
            { r.M00, r.M01, r.M02, actual.Position.X },
            { r.M10, r.M11, r.M12, actual.Position.Y },
            { r.M20, r.M21, r.M22, actual.Position.Z },
        };
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 4; j++)
                Assert.That(got[i, j], Is.EqualTo(expected[i, j]).Within(1e-10), $"element [{i},{j}] at {context}");
    }
}
