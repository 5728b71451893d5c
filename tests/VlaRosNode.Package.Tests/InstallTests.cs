using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Dds;
using VlaRosNode.Package.Tests.Package;
using VlaRosNode.Package.Tests.Support;

namespace VlaRosNode.Package.Tests;

/// <summary>
/// The root CMakeLists.txt with plain CMake (no ament), as on our build machines: configure, build and install into a
/// temporary prefix, then start the installed executables the way ros2 run / ros2 launch do. The publish step reuses
/// the solution's Release build (VLA_PUBLISH_NO_BUILD), which ./test.sh has just made, so it takes seconds.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class InstallTests
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(3);
    private string _temp = "";
    private string _prefix = "";

    private string Lib(params string[] parts) => Path.Combine([_prefix, "lib", "vla_ros_node", .. parts]);

    private string Share(params string[] parts) => Path.Combine([_prefix, "share", "vla_ros_node", .. parts]);

    [OneTimeSetUp]
    public void BuildAndInstall()
    {
        _temp = Directory.CreateTempSubdirectory("vla-pkg-").FullName;
        _prefix = Path.Combine(_temp, "install");
        var build = Path.Combine(_temp, "build");
        CMake("-S", RepoPaths.Root, "-B", build, "-DVLA_PUBLISH_NO_BUILD=ON");
        CMake("--build", build);
        CMake("--install", build, "--prefix", _prefix);
    }

    [OneTimeTearDown]
    public void RemoveTemp()
    {
        if (_temp.Length > 0)
            Directory.Delete(_temp, recursive: true);
    }

    private static void CMake(params string[] args)
    {
        var (code, output) = ChildProcess.Run("cmake", args, StepLimit);
        Assert.That(code, Is.Zero, $"cmake {string.Join(' ', args)}:\n{output}");
    }

    [Test]
    public void InstallsTheAmentLayout()
    {
        foreach (var exe in NodeExecutables.FromCMakeLists(RepoPaths.Of("CMakeLists.txt")).Keys)
            Assert.That(File.GetUnixFileMode(Lib(exe)) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute), exe);
        Assert.That(File.Exists(Lib("dotnet", "vla")), Is.True, "the published vla");
        Assert.That(File.Exists(Lib("dotnet", "libvla_dds_shim.so")), Is.True, "the Cyclone DDS shim next to it");
        Assert.That(File.Exists(Share("package.xml")), Is.True);
        Assert.That(File.Exists(Path.Combine(_prefix, "share", "ament_index", "resource_index", "packages", "vla_ros_node")), Is.True, "ament index marker");
        foreach (var folder in new[] { "launch", "config" })
        {
            var source = Directory.GetFiles(RepoPaths.Of(folder), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(RepoPaths.Of(folder), f));
            var installed = Directory.GetFiles(Share(folder), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Share(folder), f));
            Assert.That(installed, Is.EquivalentTo(source), folder);
        }
    }

    [Test]
    public void EveryNodeExecutableRunsAnExistingSubcommand()
    {
        var (code, help) = ChildProcess.Run(Lib("dotnet", "vla"), ["--help"], StepLimit);
        Assert.That(code, Is.Zero, help);
        foreach (var (exe, subcommand) in NodeExecutables.FromCMakeLists(RepoPaths.Of("CMakeLists.txt")))
        {
            Assert.That(help, Does.Contain($"  {subcommand} "), $"{exe} runs `vla {subcommand}`");
            var (exeCode, usage) = ChildProcess.Run(Lib(exe), ["--help"], StepLimit);
            Assert.That(exeCode, Is.Zero, $"{exe} --help:\n{usage}");
            Assert.That(usage, Does.Contain($"usage: vla {subcommand}"), $"{exe} passes --help on to `vla {subcommand}`");
        }
    }

    [Test]
    public void PolicyNodeRejectsABadParameterGivenWithRosArgs()
    {
        var (code, output) = ChildProcess.Run(Lib("vla_policy_node"), ["--ros-args", "-r", "__node:=x", "-p", "rate_hz:=0"], StepLimit);
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("parameter rate_hz is 0"));
    }

    [Test]
    public void PolicyNodeStartsWithWhatRos2LaunchPasses()
    {
        // ros2 launch renames the node, sets its namespace and passes the installed parameter file plus a file of
        // its own for the launch file's inline parameters, keyed by the node's full name.
        var launchParams = Path.Combine(_temp, "launch_params.yaml");
        File.WriteAllText(launchParams, "/pkg_test/x:\n  ros__parameters:\n    trajectory_topic: /pkg_test_controller/joint_trajectory\n");
        using var node = new ChildProcess(Lib("vla_policy_node"), [
            "--ros-args", "-r", "__node:=x", "-r", "__ns:=/pkg_test",
            "--params-file", Share("config", "policy_node.yaml"),
            "--params-file", launchParams,
            "-p", $"model_package:={RepoPaths.FixtureModel}", "-p", "camera_topics:=[/front/image_raw, /wrist/image_raw]",
            "--log-level", "info",
        ], workingDirectory: _temp);

        Assert.That(node.WaitForOutput("/pkg_test_controller/joint_trajectory", StepLimit), Is.True, $"startup line naming the trajectory topic from the launch parameters:\n{node.Output}");
        Assert.That(node.Output, Does.Contain("[pkg_test.x]").Or.Contain("[x]"), "logged under the remapped node name");
        Assert.That(node.Output, Does.Contain("tiny-vla-fixture").And.Contain("2 camera(s)"), "the model and cameras given with -p");
        Assert.That(node.Terminate(StepLimit), Is.Zero, $"SIGTERM ends the node cleanly:\n{node.Output}");
    }

    [Test]
    public void SimNodePublishesOnATopicRemappedWithRosArgsOverDds()
    {
        using var sim = new ChildProcess(Lib("vla_sim_node"), [
            "--ros-args", "-r", "__node:=x", "-r", "/joint_states:=/pkg_test/joint_states", "-p", "image_size:=32", "-p", "suite:=goal",
        ]);
        using var context = RosContext.Create([], new RosContextOptions { DomainId = ChildProcess.Domain, CycloneConfig = CycloneConfig.Loopback });
        var listener = context.CreateNode("pkg_test_listener");
        JointState? received = null;
        listener.CreateSubscription<JointState>("/pkg_test/joint_states", m => received ??= m, QosProfile.SensorData);
        var deadline = DateTime.UtcNow + StepLimit;
        while (received is null && !sim.HasExited && DateTime.UtcNow < deadline)
            listener.SpinOnce(TimeSpan.FromMilliseconds(200));

        Assert.That(received, Is.Not.Null, $"no JointState on the remapped topic; sim output:\n{sim.Output}");
        Assert.That(received!.Name, Does.Contain("panda_joint1"), "the simulated panda's joints");
        Assert.That(sim.Terminate(StepLimit), Is.Zero, $"SIGTERM ends the node cleanly:\n{sim.Output}");
    }
}
