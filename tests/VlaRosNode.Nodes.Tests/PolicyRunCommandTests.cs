using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Tests;

namespace VlaRosNode.Nodes.Tests;

/// <summary>`vla policy run` as its own process, started with exactly what `ros2 run` / `ros2 launch` pass, talking
/// to the fake simulator over Cyclone DDS on loopback; stopped with SIGTERM as launch stops it.</summary>
[NonParallelizable]
public sealed class PolicyRunCommandTests
{
    [Test]
    public void RunsWithRos2RunArgumentsAndStopsOnSigterm()
    {
        var domain = TestDomain.Next();
        const string remapped = "/robot/arm_controller/joint_trajectory";
        using var sim = new FakeSim(domain, trajectoryTopic: remapped);
        using var vla = new VlaProcess(domain,
        [
            "policy", "run", "--ros-args", "-r", "__node:=arm_policy", "-r", "__ns:=/robot",
            "--params-file", TestPaths.Config("policy_node.yaml"),
            "-r", $"/arm_controller/joint_trajectory:={remapped}",
            "-p", $"model_package:={TestPaths.FixtureModel}", "-p", "camera_topics:=[/front/image_raw, /wrist/image_raw]",
            "-p", "instruction:=open the drawer", "-p", "image_qos:=default", "--log-level", "INFO",
        ]);
        Wait.Until(() => sim.Connected() || vla.HasExited, "the node's subscriptions", seconds: 60);
        Assert.That(vla.HasExited, Is.False, vla.Stderr);

        var seed = 0;
        Wait.Until(() =>
        {
            sim.PublishObservation(seed++, RosClock.SystemNow, ControllerHarness.Panda.ReadyPose.ToArray());
            Thread.Sleep(100);
            return !sim.Trajectories.IsEmpty;
        }, "a trajectory on the remapped topic");
        Wait.Until(() => !sim.Diagnostics.IsEmpty, "diagnostics");
        Assert.That(sim.Diagnostics.First().Status[0].Name, Does.StartWith("/robot/arm_policy"), "node name and namespace from -r __node/__ns");

        Assert.That(vla.Terminate(), Is.EqualTo(0), vla.Stderr);
        Assert.That(vla.Stderr, Does.Contain("[robot.arm_policy]"), "ROS console logger named after the node");
    }

    [Test]
    public void BadModelExitsWithOneClearMessage()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-model-" + Guid.NewGuid().ToString("N"));
        using var vla = new VlaProcess(TestDomain.Next(), ["policy", "run", "--ros-args", "--params-file", TestPaths.Config("policy_node.yaml"), "-p", $"model_package:={missing}"]);
        Assert.That(vla.WaitForExit(), Is.EqualTo(1));
        Assert.That(vla.Stderr, Does.StartWith("vla policy run: ").And.Contains(missing));
    }

    [Test]
    public void CameraTopicsThatDoNotMatchTheModelsCamerasStopTheNode()
    {
        using var vla = new VlaProcess(TestDomain.Next(), ["policy", "run", "--ros-args", "--params-file", TestPaths.Config("policy_node.yaml"),
            "-p", $"model_package:={TestPaths.FixtureModel}", "-p", "camera_topics:=[/front/image_raw]"]);
        Assert.That(vla.WaitForExit(), Is.EqualTo(1));
        Assert.That(vla.Stderr, Does.Contain("the model sees 2 camera(s) [front, wrist] but parameter camera_topics names 1 [/front/image_raw]"));
    }

    [Test]
    public void ArgumentsOutsideRosArgsAreRefused()
    {
        using var vla = new VlaProcess(TestDomain.Next(), ["policy", "run", "--model", "x"]);
        Assert.That(vla.WaitForExit(), Is.EqualTo(2));
        Assert.That(vla.Stderr, Does.Contain("unexpected argument '--model'"));
    }
}
