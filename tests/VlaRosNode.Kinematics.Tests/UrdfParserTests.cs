using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Kinematics.Urdf;

namespace VlaRosNode.Kinematics.Tests;

public class UrdfParserTests
{
    private const string Joint = """
        <joint name="j1" type="revolute">
          <parent link="a"/><child link="b"/>
          <origin xyz="0 0 0.1" rpy="0 0 0"/><axis xyz="0 0 1"/>
          <limit lower="-1" upper="1" velocity="2" effort="5"/>
        </joint>
        """;

    private static string Robot(string body) => $"<robot name=\"r\">\n<link name=\"a\"/>\n<link name=\"b\"/>\n{body}\n</robot>";

    [Test]
    public void ShippedPandaHasItsJointsLimitsAndMimic()
    {
        var model = UrdfParser.Parse(ShippedRobot.UrdfText("panda"), "panda.urdf");
        Assert.That(model.Name, Is.EqualTo("panda"));
        Assert.That(model.RootLink, Is.EqualTo("panda_link0"));
        Assert.That(model.Joints.Count(j => j.Type == JointType.Revolute), Is.EqualTo(7));
        Assert.That(model.Joints.Count(j => j.Type == JointType.Prismatic), Is.EqualTo(2));
        var j4 = model.Joint("panda_joint4");
        Assert.That(j4.Limits, Is.EqualTo(new JointLimits(-3.0718, -0.0698, 2.1750, 87)));
        Assert.That(model.Joint("panda_finger_joint2").Mimic, Is.EqualTo(new JointMimic("panda_finger_joint1", 1, 0)));
        Assert.That(model.Joint("panda_finger_joint2").Axis.Y, Is.EqualTo(-1));
    }

    [Test]
    public void DefaultsFollowTheUrdfSpecification()
    {
        var model = UrdfParser.Parse(Robot("""
            <joint name="c" type="continuous"><parent link="a"/><child link="b"/></joint>
            """), "t.urdf");
        var joint = model.Joint("c");
        Assert.That(joint.Axis.X, Is.EqualTo(1), "axis defaults to x");
        Assert.That(joint.Origin.Position.Length, Is.Zero);
        Assert.That(joint.Limits, Is.Null, "a continuous joint needs no limit");
    }

    [Test]
    public void AxisIsNormalisedAndContinuousLimitsAreUnboundedInPosition()
    {
        var model = UrdfParser.Parse(Robot("""
            <joint name="c" type="continuous"><parent link="a"/><child link="b"/><axis xyz="0 3 4"/><limit velocity="1.5" effort="2"/></joint>
            """), "t.urdf");
        var joint = model.Joint("c");
        Assert.That(joint.Axis.Y, Is.EqualTo(0.6).Within(1e-15));
        Assert.That(joint.Axis.Z, Is.EqualTo(0.8).Within(1e-15));
        Assert.That(joint.Limits!.Velocity, Is.EqualTo(1.5));
        Assert.That(double.IsNegativeInfinity(joint.Limits.Lower), Is.True);
    }

    private static IEnumerable<TestCaseData> BadInputs()
    {
        TestCaseData Case(string name, string xml, string? element, string? attribute, string problem) =>
            new TestCaseData(xml, element, attribute, problem).SetArgDisplayNames(name);

        yield return Case("not xml", "<robot name=\"r\"><link name=\"a\">", null, null, "malformed XML");
        yield return Case("root element", "<model name=\"r\"/>", "model", null, "root element must be <robot>");
        yield return Case("robot name", "<robot><link name=\"a\"/></robot>", "robot", "name", "missing attribute");
        yield return Case("no links", "<robot name=\"r\"/>", "robot", null, "no <link>");
        yield return Case("duplicate link", Robot("<link name=\"a\"/>"), "link 'a'", "name", "duplicate link name");
        yield return Case("joint type", Robot(Joint.Replace("revolute", "ball")), "joint 'j1'", "type", "unknown joint type 'ball'");
        yield return Case("floating", Robot(Joint.Replace("revolute", "floating")), "joint 'j1'", "type", "not supported");
        yield return Case("unknown parent", Robot(Joint.Replace("<parent link=\"a\"/>", "<parent link=\"x\"/>")), "joint 'j1'/parent", "link", "link 'x' is not defined");
        yield return Case("no child", Robot(Joint.Replace("<child link=\"b\"/>", "")), "joint 'j1'", null, "missing <child> element");
        yield return Case("self loop", Robot(Joint.Replace("<child link=\"b\"/>", "<child link=\"a\"/>")), "joint 'j1'", null, "parent and child are the same");
        yield return Case("no limit", Robot(Joint.Replace("<limit lower=\"-1\" upper=\"1\" velocity=\"2\" effort=\"5\"/>", "")), "joint 'j1'", null, "needs a <limit>");
        yield return Case("no velocity", Robot(Joint.Replace("velocity=\"2\" ", "")), "joint 'j1'/limit", "velocity", "missing attribute");
        yield return Case("negative velocity", Robot(Joint.Replace("velocity=\"2\"", "velocity=\"-2\"")), "joint 'j1'/limit", "velocity", "is negative");
        yield return Case("lower above upper", Robot(Joint.Replace("lower=\"-1\"", "lower=\"3\"")), "joint 'j1'/limit", "lower", "above upper limit");
        yield return Case("number", Robot(Joint.Replace("effort=\"5\"", "effort=\"five\"")), "joint 'j1'/limit", "effort", "'five' is not a finite number");
        yield return Case("infinite", Robot(Joint.Replace("upper=\"1\"", "upper=\"1e999\"")), "joint 'j1'/limit", "upper", "not a finite number");
        yield return Case("two numbers", Robot(Joint.Replace("xyz=\"0 0 0.1\"", "xyz=\"0 0.1\"")), "joint 'j1'/origin", "xyz", "must be three numbers");
        yield return Case("zero axis", Robot(Joint.Replace("<axis xyz=\"0 0 1\"/>", "<axis xyz=\"0 0 0\"/>")), "joint 'j1'/axis", "xyz", "zero vector");
        yield return Case("two origins", Robot(Joint.Replace("<axis", "<origin/><axis")), "joint 'j1'/origin", null, "more than one <origin>");
        yield return Case("duplicate joint", Robot(Joint + Joint.Replace("<child link=\"b\"/>", "<child link=\"a\"/>").Replace("<parent link=\"a\"/>", "<parent link=\"b\"/>")), "joint 'j1'", "name", "duplicate joint name");
        yield return Case("two parents", "<robot name=\"r\"><link name=\"a\"/><link name=\"b\"/><link name=\"c\"/>"
            + Joint + Joint.Replace("j1", "j2").Replace("<parent link=\"a\"/>", "<parent link=\"c\"/>") + "</robot>", "joint 'j2'", "child", "already has parent joint 'j1'");
        yield return Case("two roots", "<robot name=\"r\"><link name=\"a\"/><link name=\"b\"/><link name=\"c\"/>" + Joint + "</robot>", "robot", null, "2 root links");
        yield return Case("cycle", "<robot name=\"r\"><link name=\"a\"/><link name=\"b\"/><link name=\"c\"/>"
            + Joint.Replace("<parent link=\"a\"/>", "<parent link=\"c\"/>")
            + Joint.Replace("j1", "j2").Replace("<parent link=\"a\"/><child link=\"b\"/>", "<parent link=\"b\"/><child link=\"c\"/>") + "</robot>",
            null, null, "cycle");
        yield return Case("mimic unknown", Robot(Joint.Replace("</joint>", "<mimic joint=\"nope\"/></joint>")), "joint 'j1'/mimic", "joint", "'nope' does not exist");
        yield return Case("mimic self", Robot(Joint.Replace("</joint>", "<mimic joint=\"j1\"/></joint>")), "joint 'j1'/mimic", "joint", "cannot mimic itself");
        yield return Case("dtd", "<!DOCTYPE robot [<!ENTITY x \"y\">]><robot name=\"r\"><link name=\"a\"/></robot>", null, null, "malformed XML");
    }

    [TestCaseSource(nameof(BadInputs))]
    public void BadInputIsRejectedNamingTheElementAndAttribute(string xml, string? element, string? attribute, string problem)
    {
        var error = Assert.Throws<UrdfException>(() => UrdfParser.Parse(xml, "bad.urdf"))!;
        Assert.That(error.Source, Is.EqualTo("bad.urdf"));
        Assert.That(error.Message, Does.Contain(problem));
        if (element is not null)
            Assert.That(error.Element, Is.EqualTo(element));
        Assert.That(error.Attribute, Is.EqualTo(attribute));
        Assert.That(error.Line, Is.Not.Null, "every error names a line");
    }

    [Test]
    public void ErrorLineIsTheLineOfTheOffendingElement()
    {
        var xml = Robot(Joint.Replace("effort=\"5\"", "effort=\"x\""));
        var error = Assert.Throws<UrdfException>(() => UrdfParser.Parse(xml, "r.urdf"))!;
        var expectedLine = xml.Split('\n').ToList().FindIndex(l => l.Contains("effort=\"x\"")) + 1;
        Assert.That(error.Line, Is.EqualTo(expectedLine));
        Assert.That(error.Message, Does.StartWith($"URDF r.urdf:{expectedLine}: <joint 'j1'/limit> attribute 'effort'"));
    }

    [Test]
    public void LoadNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kin-{Guid.NewGuid():N}.urdf");
        File.WriteAllText(path, "<robot name=\"r\"/>");
        try
        {
            var error = Assert.Throws<UrdfException>(() => UrdfParser.Load(path))!;
            Assert.That(error.Source, Is.EqualTo(Path.GetFileName(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
