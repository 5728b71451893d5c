using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Ros2.Tests;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Images;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Dds;
using VlaRosNode.Sim.Arm;

namespace VlaRosNode.Nodes.Tests;

/// <summary>
/// The policy node and a fake simulator as two ROS 2 contexts (two DDS participants) on real Cyclone DDS over
/// loopback: the trajectory the node publishes for each observation (joint names, one point at the horizon, values
/// from the policy and the simulator's action convention, limits), its status and diagnostics, and the hold when the
/// cameras stop.
/// </summary>
[NonParallelizable]
public sealed class PolicyNodeDdsTests
{
    private const string Instruction = "pick up the black bowl";

    [Test]
    public void VlaParamReadsAndChangesTheRunningNodesParameters()
    {
        var domain = TestDomain.Next();
        using var context = RosContext.Create(["--ros-args", "-p", $"model_package:={TestPaths.FixtureModel}", "-p", "camera_topics:=[/front/image_raw, /wrist/image_raw]", "-p", $"instruction:={Instruction}"],
            new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback });
        using var node = PolicyNode.Create(context);
        node.Node.StartSpinning();
        (int Code, string Stdout, string Stderr) Vla(params string[] args)
        {
            using var vla = new VlaProcess(domain, ["param", .. args, "--timeout", "30"]);
            var code = vla.WaitForExit();
            return (code, vla.Stdout, vla.Stderr);
        }
        var name = node.Node.FullyQualifiedName;

        Assert.That(Vla("list", name).Stdout.Split('\n'), Does.Contain("  instruction").And.Contain("  use_sim_time"));
        Assert.That(Vla("get", name, "instruction"), Is.EqualTo((0, $"String value is: {Instruction}", "")));
        Assert.That(Vla("set", name, "instruction", "stack the red cube"), Is.EqualTo((0, "Set parameter successful", "")));
        Assert.That(node.Controller.Instruction, Is.EqualTo("stack the red cube"), "the controller follows the parameter");
        var refused = Vla("set", name, "instruction", "5");
        Assert.That((refused.Code, refused.Stderr), Is.EqualTo((1, "Setting parameter failed: Wrong parameter type, parameter {instruction} is of type {string}, setting it to {integer} is not allowed.")));
        Assert.That(node.Controller.Instruction, Is.EqualTo("stack the red cube"));
    }

    [Test]
    public void EveryObservationGetsATrajectoryAndSilenceGetsAHold()
    {
        var domain = TestDomain.Next();
        using var sim = new FakeSim(domain);
        using var context = RosContext.Create(
            ["--ros-args", "-p", $"model_package:={TestPaths.FixtureModel}", "-p", "camera_topics:=[/front/image_raw, /wrist/image_raw]",
             "-p", $"instruction:={Instruction}", "-p", "image_qos:=default"],
            new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback });
        using var node = PolicyNode.Create(context);
        node.Node.StartSpinning();
        Wait.Until(sim.Connected, "the policy node to subscribe");

        var arm = ControllerHarness.Panda.ReadyPose.ToArray();
        const int observations = 4;
        for (var i = 0; i < observations; i++)
        {
            sim.PublishObservation(seed: i, RosClock.SystemNow, arm);
            var expectedCount = i + 1;
            Wait.Until(() => sim.Trajectories.Count >= expectedCount, $"trajectory {expectedCount}");
        }
        // Cameras go silent while joint states keep coming: the watchdog holds the arm where it is measured.
        var moved = arm.Select(v => v + 0.002).ToArray();
        sim.ArmPositions = moved;
        Wait.Until(() => sim.Trajectories.Count > observations, "a hold trajectory");
        Wait.Until(() => sim.Statuses.Any(s => s.HoldSent), "the hold's status");
        Wait.Until(() => sim.Statuses.Count >= observations && sim.Diagnostics.Count >= observations, "status and diagnostics");
        Assert.That(sim.Trajectories, Has.Count.EqualTo(observations + 1), "one command per observation, then one hold");

        using var reference = VlaPolicy.Open(TestPaths.FixtureModel);
        var chain = ControllerHarness.Panda.Arm;
        var limits = chain.Variables.VelocityLimits.ToArray();
        var trajectories = sim.Trajectories.ToArray();
        var statuses = sim.Statuses.ToArray();
        for (var i = 0; i < observations; i++)
        {
            var trajectory = trajectories[i];
            Assert.That(trajectory.JointNames, Is.EqualTo(ControllerHarness.ArmJoints.Append("panda_finger_joint1")));
            Assert.That(trajectory.Points, Has.Length.EqualTo(1));
            var point = trajectory.Points[0];
            Assert.That((point.TimeFromStart.Sec, point.TimeFromStart.Nanosec), Is.EqualTo((0, 50_000_000u)));
            Assert.That(point.Velocities, Is.Empty, "positions only: the point ends at rest");
            var commanded = point.Positions[..7];
            Assert.That(chain.Variables.AreWithinLimits(commanded), Is.True);
            for (var j = 0; j < 7; j++)
                Assert.That(Math.Abs(commanded[j] - arm[j]), Is.LessThanOrEqualTo(limits[j] * 0.05 + 1e-12), $"joint {j} velocity");

            // The same frames (front decoded from bgr8 by hand) through a separate policy instance.
            var (front, wrist) = FakeSim.Frames(i);
            var action = reference.Step(new Observation([new RgbImage(FakeSim.FrontWidth, FakeSim.FrontHeight, front), new RgbImage(16, 16, wrist)], Instruction)).Action;
            Assert.That(statuses[i].Action, Is.EqualTo(action), $"observation {i}: status carries the policy's action");
            var expected = DeltaAction.Target(chain.ForwardKinematics(arm).ToPose(), action).ToPose3d();
            var reached = chain.ForwardKinematics(commanded);
            Assert.That((reached.Position - expected.Position).Length, Is.LessThan(2e-4), $"observation {i}: tool position");
            Assert.That(reached.Rotation.AngleTo(expected.Rotation), Is.LessThan(2e-3), $"observation {i}: tool rotation");
            Assert.That(point.Positions[7], Is.EqualTo(action[6] > 0 ? 0.0 : 0.04), "gripper");

            Assert.That(statuses[i].Commanded, Is.True);
            Assert.That(statuses[i].Fault, Is.Empty);
            Assert.That(statuses[i].TargetPasses, Is.GreaterThanOrEqualTo(7));
            Assert.That(statuses[i].DecodeMs, Is.GreaterThan(0));
            Assert.That(statuses[i].TotalMs, Is.GreaterThanOrEqualTo(statuses[i].DecodeMs + statuses[i].VisionMs));
        }
        Assert.That(sim.Diagnostics.First().Status[0].Level, Is.EqualTo(Messages.DiagnosticMsgs.DiagnosticStatus.OK));

        var hold = sim.Trajectories.Last();
        Assert.That(hold.Points[0].Positions[..7], Is.EqualTo(moved));
        var holdStatus = sim.Statuses.First(s => s.HoldSent);
        Assert.That(holdStatus.Commanded, Is.False);
        Assert.That(holdStatus.Fault, Does.StartWith("no synchronised observation"));
        Wait.Until(() => sim.Diagnostics.Any(d => d.Status[0].Level == Messages.DiagnosticMsgs.DiagnosticStatus.WARN), "a WARN diagnostic");
    }

    [Test]
    public void ModelThatFailsToLoadStopsTheNodeBeforeItCanCommand()
    {
        var broken = Path.Combine(Path.GetTempPath(), "vla-missing-model-" + Guid.NewGuid().ToString("N"));
        using var context = RosContext.Create(["--ros-args", "-p", $"model_package:={broken}"], new RosContextOptions { InProcess = new Ros2.Transport.InProcessDomain() });
        Assert.That(() => PolicyNode.Create(context), Throws.TypeOf<VlaRosNode.Policy.Package.ModelPackageException>().With.Message.Contains(broken));
        Assert.That(context.GetEndpoints().Where(e => e.IsWriter && e.DdsTopic.Contains("joint_trajectory")), Is.Empty, "no trajectory publisher was ever created");
    }
}
