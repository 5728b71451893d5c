using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Parameters;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Nodes.Tests;

/// <summary>config/policy_node*.yaml against the parameters the node declares: the defaults file lists every one with
/// the value in code, and each robot file is consistent with its arm model.</summary>
public sealed class ConfigTests
{
    private static (Node Node, RosContext Context) NodeWith(params string[] paramFiles)
    {
        var args = new List<string> { "--ros-args" };
        foreach (var f in paramFiles)
            args.AddRange(["--params-file", TestPaths.Config(f)]);
        var context = RosContext.Create(args, new RosContextOptions { InProcess = new InProcessDomain() });
        return (context.CreateNode(PolicyNode.DefaultName), context);
    }

    [Test]
    public void DefaultsFileListsEveryParameterWithItsDefault()
    {
        var (node, context) = NodeWith();
        using var _ = context;
        PolicyNodeSettings.Declare(node);
        var declared = node.Parameters.Descriptors.Where(d => d.Name != "use_sim_time").ToDictionary(d => d.Name);
        var file = ParameterFile.Load(TestPaths.Config("policy_node.yaml")).ValuesFor("/" + PolicyNode.DefaultName).ToDictionary();

        Assert.That(file.Keys, Is.EquivalentTo(declared.Keys));
        foreach (var (name, descriptor) in declared)
        {
            Assert.That(descriptor.Description, Is.Not.Empty, name);
            Assert.That(file[name].FitsType(descriptor.Type), Is.True, $"{name}: type");
            Assert.That(file[name].ToString(), Is.EqualTo(node.Parameters.GetValue(name).ToString()), $"{name}: the file must show the default in code");
        }
    }

    [TestCase("panda")]
    [TestCase("ur5e")]
    public void RobotFileFitsItsArm(string robot)
    {
        var (node, context) = NodeWith("policy_node.yaml", $"policy_node.{robot}.yaml");
        using var _ = context;
        var settings = PolicyNodeSettings.Declare(node);
        var robotFile = ParameterFile.Load(TestPaths.Config($"policy_node.{robot}.yaml")).ValuesFor("/" + PolicyNode.DefaultName).Select(p => p.Key);
        Assert.That(robotFile, Is.SubsetOf(node.Parameters.Descriptors.Select(d => d.Name)), "only declared parameters");
        Assert.That(settings.Robot, Is.EqualTo(robot));

        var chain = ArmModelLoader.Load(settings);
        var model = ShippedRobot.ByName(robot).Model;
        if (settings.CommandGripper)
            Assert.That(settings.GripperJoints.Select(j => model.Joint(j).Name), Is.EqualTo(settings.GripperJoints));
        var tool = chain.ForwardKinematics(ShippedRobot.ByName(robot).ReadyPose).Position;
        TestContext.Out.WriteLine($"{robot} ready tool position: {tool}");
        Assert.That(tool.X, Is.InRange(settings.WorkspaceMin[0], settings.WorkspaceMax[0]), "ready pose inside the workspace box");
        Assert.That(tool.Y, Is.InRange(settings.WorkspaceMin[1], settings.WorkspaceMax[1]));
        Assert.That(tool.Z, Is.InRange(settings.WorkspaceMin[2], settings.WorkspaceMax[2]));
    }

    [Test]
    public void BadValuesNameTheParameter()
    {
        var context = RosContext.Create(["--ros-args", "-p", "step_mode:=sometimes"], new RosContextOptions { InProcess = new InProcessDomain() });
        using var _ = context;
        Assert.That(() => PolicyNodeSettings.Declare(context.CreateNode(PolicyNode.DefaultName)),
            Throws.ArgumentException.With.Message.Contains("step_mode").And.Message.Contains("sometimes"));
        var typed = RosContext.Create(["--ros-args", "-p", "rate_hz:=fast"], new RosContextOptions { InProcess = new InProcessDomain() });
        using var __ = typed;
        Assert.That(() => PolicyNodeSettings.Declare(typed.CreateNode(PolicyNode.DefaultName)),
            Throws.TypeOf<ParameterException>().With.Message.Contains("rate_hz"));
    }
}
