using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.StdMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Nodes.Simulation;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Tests;
using VlaRosNode.Ros2.Transport;
using RosString = VlaRosNode.Messages.StdMsgs.String;

namespace VlaRosNode.Nodes.Tests.Simulation;

public class SimNodeTests
{
    [Test]
    public void TheNodeFollowsTrajectoriesPublishesTheRobotAndEndsEpisodes()
    {
        var domain = new InProcessDomain();
        using var simContext = RosContext.Create(["--ros-args", "-p", "image_size:=16", "-p", "real_time_factor:=40", "-p", "suite:=goal"],
            new RosContextOptions { InProcess = domain, LogOutput = TextWriter.Null });
        using var testContext = RosContext.Create([], new RosContextOptions { InProcess = domain, LogOutput = TextWriter.Null });
        using var tester = testContext.CreateNode("tester");
        JointState? joints = null;
        string? instruction = null;
        var results = new List<DiagnosticStatus>();
        var images = 0;
        tester.CreateSubscription<JointState>(SimTopics.JointStates, m => joints = m, QosProfile.SensorData);
        tester.CreateSubscription<Image>(SimTopics.AgentImage, m => Interlocked.Increment(ref images), QosProfile.SensorData);
        tester.CreateSubscription<RosString>(SimTopics.Instruction, m => instruction = m.Data);
        tester.CreateSubscription<DiagnosticStatus>(SimTopics.EpisodeResult, m => { lock (results) results.Add(m); });
        var commands = tester.CreatePublisher<JointTrajectory>("/arm_controller/joint_trajectory");
        tester.StartSpinning();

        using var sim = SimNode.Create(simContext);
        sim.Node.StartSpinning();
        Wait.Until(() => joints is not null && images > 0 && instruction is not null, "joint states, images and the instruction");
        Assert.That(joints!.Name, Is.EqualTo(new[] { "panda_joint1", "panda_joint2", "panda_joint3", "panda_joint4", "panda_joint5", "panda_joint6", "panda_joint7", "panda_finger_joint1", "panda_finger_joint2" }));
        Assert.That(instruction, Does.StartWith("put the").Or.StartWith("stack the"));

        // Move joint 1 by 0.3 rad over 0.5 s (simulated): the arm gets there and holds.
        var target = joints.Position.Take(7).ToArray();
        target[0] += 0.3;
        commands.Publish(new JointTrajectory
        {
            Header = new Header { Stamp = new Time() },
            JointNames = [.. joints.Name.Take(7)],
            Points = [new JointTrajectoryPoint { Positions = target, Velocities = [], Accelerations = [], Effort = [], TimeFromStart = new Duration { Nanosec = 500_000_000 } }],
        });
        Wait.Until(() => Math.Abs(joints!.Position[0] - target[0]) < 1e-6, "joint 1 to reach its target");

        // An invalid trajectory is rejected and changes nothing.
        commands.Publish(new JointTrajectory { Header = new Header(), JointNames = ["elbow"], Points = [] });
        Wait.Until(() => sim.Rejected == 1, "the rejection");
        Assert.That(joints!.Position[0], Is.EqualTo(target[0]).Within(1e-6));

        // Nobody solves the task: the episode ends at its step limit and the next one begins.
        Wait.Until(() => { lock (results) return results.Count > 0; }, "an episode result", seconds: 60);
        DiagnosticStatus first;
        lock (results)
            first = results[0];
        Assert.That(first.Level, Is.EqualTo(DiagnosticStatus.WARN));
        Assert.That(first.Values.Single(v => v.Key == "success").Value, Is.EqualTo("false"));
        Assert.That(first.Values.Single(v => v.Key == "steps").Value, Is.EqualTo("200"));
    }

    [Test]
    public void WithWaitForControllerTheFirstEpisodeStartsWhenAControllerIsConnected()
    {
        var domain = new InProcessDomain();
        using var simContext = RosContext.Create(["--ros-args", "-p", "image_size:=16", "-p", "real_time_factor:=1", "-p", "wait_for_controller:=true"],
            new RosContextOptions { InProcess = domain, LogOutput = TextWriter.Null });
        using var testContext = RosContext.Create([], new RosContextOptions { InProcess = domain, LogOutput = TextWriter.Null });
        using var tester = testContext.CreateNode("tester");
        var gate = new Lock();
        var clocks = new List<long>();
        var instructions = 0;
        long clockAtSecondInstruction = -1;
        tester.CreateSubscription<Messages.RosgraphMsgs.Clock>(SimTopics.Clock, m => { lock (gate) clocks.Add(m.Clock_.Sec * 1_000_000_000L + m.Clock_.Nanosec); }, QosProfile.Clock);
        tester.CreateSubscription<RosString>(SimTopics.Instruction, _ =>
        {
            lock (gate)
                if (++instructions == 2)
                    clockAtSecondInstruction = clocks.Count == 0 ? 0 : clocks.Max();
        });
        tester.StartSpinning();

        using var sim = SimNode.Create(simContext);
        sim.Node.StartSpinning();
        Wait.Until(() => { lock (gate) return clocks.Count > 0 && instructions > 0; }, "the first observation and its instruction");
        Wait.Until(() => sim.HeldPeriods >= 8, "8 control periods held without a controller");
        lock (gate)
        {
            Assert.That(clocks, Is.All.Zero, "no step without a controller");
            Assert.That(instructions, Is.EqualTo(1));
        }

        using var commands = tester.CreatePublisher<JointTrajectory>("/arm_controller/joint_trajectory");
        Wait.Until(() => { lock (gate) return clocks.Max() > 0 && instructions >= 2; }, "steps and the instruction once a controller is connected");
        lock (gate)
            Assert.That(clockAtSecondInstruction, Is.LessThan(500_000_000),
                "the instruction is sent again when the controller appears, not only by the once-a-second repeat (before step 20's clock)");
    }
}
