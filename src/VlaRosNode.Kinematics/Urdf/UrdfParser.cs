using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using VlaRosNode.Kinematics.Geometry;

namespace VlaRosNode.Kinematics.Urdf;

/// <summary>
/// Reads the kinematic part of a URDF (links, joints, origins, axes, limits, mimic) and validates that it
/// forms one tree. Visual, collision, inertial, transmission and plugin elements are ignored.
/// Every problem is a <see cref="UrdfException"/> naming the source, element, attribute and line.
/// </summary>
public static class UrdfParser
{
    public static UrdfModel Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static UrdfModel Parse(string xml, string sourceName)
    {
        var document = ReadXml(xml, sourceName);
        var robot = new UrdfElement(sourceName, document.Root!, document.Root!.Name.LocalName);
        if (robot.Where != "robot")
            throw robot.Error(null, "the root element must be <robot>");
        var robotName = robot.Required("name");

        var links = new List<UrdfLink>();
        var linkNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var xmlLink in robot.Xml.Elements("link"))
        {
            var name = new UrdfElement(sourceName, xmlLink, "link").Required("name");
            if (!linkNames.Add(name))
                throw new UrdfElement(sourceName, xmlLink, $"link '{name}'").Error("name", "duplicate link name");
            links.Add(new UrdfLink(name));
        }
        if (links.Count == 0)
            throw robot.Error(null, "the robot has no <link>");

        var joints = new List<UrdfJoint>();
        var jointElements = new Dictionary<string, UrdfElement>(StringComparer.Ordinal);
        foreach (var xmlJoint in robot.Xml.Elements("joint"))
        {
            var name = new UrdfElement(sourceName, xmlJoint, "joint").Required("name");
            var element = new UrdfElement(sourceName, xmlJoint, $"joint '{name}'");
            if (!jointElements.TryAdd(name, element))
                throw element.Error("name", "duplicate joint name");
            joints.Add(ReadJoint(element, name, linkNames));
        }

        var root = ValidateTree(robot, links, joints, jointElements);
        ValidateMimics(joints, jointElements);
        return new UrdfModel(robotName, links, joints, root);
    }

    private static XDocument ReadXml(string xml, string sourceName)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new UrdfException(sourceName, null, null, e.LineNumber, $"malformed XML: {e.Message}", e);
        }
    }

    private static UrdfJoint ReadJoint(UrdfElement joint, string name, HashSet<string> linkNames)
    {
        var typeText = joint.Required("type");
        var type = typeText switch
        {
            "revolute" => JointType.Revolute,
            "continuous" => JointType.Continuous,
            "prismatic" => JointType.Prismatic,
            "fixed" => JointType.Fixed,
            "floating" or "planar" => throw joint.Error("type", $"joint type '{typeText}' is not supported (only revolute, continuous, prismatic, fixed)"),
            _ => throw joint.Error("type", $"unknown joint type '{typeText}'"),
        };

        var parent = LinkReference(joint, "parent", linkNames);
        var child = LinkReference(joint, "child", linkNames);
        if (parent == child)
            throw joint.Error(null, $"parent and child are the same link '{parent}'");

        var origin = joint.SingleChild("origin") is { } o
            ? Pose3d.FromXyzRpy(o.Vector("xyz", Vector3d.Zero), o.Vector("rpy", Vector3d.Zero))
            : Pose3d.Identity;

        var axis = Vector3d.UnitX; // URDF default
        if (joint.SingleChild("axis") is { } a && type != JointType.Fixed)
        {
            axis = a.Vector("xyz");
            if (axis.Length < 1e-9)
                throw a.Error("xyz", "the axis must not be the zero vector");
            axis = axis.Normalized();
        }

        return new UrdfJoint(name, type, parent, child, origin, axis, ReadLimits(joint, type), ReadMimic(joint, type));
    }

    private static JointLimits? ReadLimits(UrdfElement joint, JointType type)
    {
        if (joint.SingleChild("limit") is not { } limit)
        {
            if (type is JointType.Revolute or JointType.Prismatic)
                throw joint.Error(null, $"a {type.ToString().ToLowerInvariant()} joint needs a <limit> element");
            return null;
        }
        if (type == JointType.Fixed)
            return null;

        var velocity = limit.Number("velocity");
        var effort = limit.Number("effort");
        if (velocity < 0)
            throw limit.Error("velocity", $"velocity limit {Text(velocity)} is negative");
        if (effort < 0)
            throw limit.Error("effort", $"effort limit {Text(effort)} is negative");
        if (type == JointType.Continuous)
            return new JointLimits(double.NegativeInfinity, double.PositiveInfinity, velocity, effort);

        var lower = limit.Number("lower", 0);
        var upper = limit.Number("upper", 0);
        if (lower > upper)
            throw limit.Error("lower", $"lower limit {Text(lower)} is above upper limit {Text(upper)}");
        return new JointLimits(lower, upper, velocity, effort);
    }

    private static JointMimic? ReadMimic(UrdfElement joint, JointType type)
    {
        if (joint.SingleChild("mimic") is not { } mimic)
            return null;
        if (type == JointType.Fixed)
            throw mimic.Error(null, "a fixed joint cannot mimic another joint");
        return new JointMimic(mimic.Required("joint"), mimic.Number("multiplier", 1), mimic.Number("offset", 0));
    }

    /// <summary>Each link has at most one parent joint and all links hang from one root: returns the root.</summary>
    private static string ValidateTree(UrdfElement robot, List<UrdfLink> links, List<UrdfJoint> joints, Dictionary<string, UrdfElement> elements)
    {
        var parentOf = new Dictionary<string, UrdfJoint>(StringComparer.Ordinal);
        foreach (var joint in joints)
        {
            if (!parentOf.TryAdd(joint.Child, joint))
                throw elements[joint.Name].Error("child", $"link '{joint.Child}' already has parent joint '{parentOf[joint.Child].Name}'");
        }

        var roots = links.Where(l => !parentOf.ContainsKey(l.Name)).Select(l => l.Name).ToList();
        if (roots.Count != 1)
            throw robot.Error(null, roots.Count == 0
                ? "the joints form a cycle: every link has a parent"
                : $"the links do not form one tree: {roots.Count} root links ({string.Join(", ", roots.Take(5))})");

        // With one parent per link and one root, a link unreachable from the root lies on a cycle.
        var childrenOf = joints.ToLookup(j => j.Parent, StringComparer.Ordinal);
        var reached = new HashSet<string>(StringComparer.Ordinal) { roots[0] };
        var pending = new Stack<string>([roots[0]]);
        while (pending.TryPop(out var link))
            foreach (var joint in childrenOf[link])
                if (reached.Add(joint.Child))
                    pending.Push(joint.Child);
        var cyclic = links.FirstOrDefault(l => !reached.Contains(l.Name));
        if (cyclic is not null)
            throw elements[parentOf[cyclic.Name].Name].Error(null, $"link '{cyclic.Name}' is on a cycle of joints");
        return roots[0];
    }

    private static void ValidateMimics(List<UrdfJoint> joints, Dictionary<string, UrdfElement> elements)
    {
        var byName = joints.ToDictionary(j => j.Name, StringComparer.Ordinal);
        foreach (var joint in joints.Where(j => j.Mimic is not null))
        {
            var mimic = elements[joint.Name].SingleChild("mimic")!.Value;
            var target = joint.Mimic!.Joint;
            if (!byName.TryGetValue(target, out var master))
                throw mimic.Error("joint", $"mimicked joint '{target}' does not exist");
            if (master == joint)
                throw mimic.Error("joint", "a joint cannot mimic itself");
            if (!master.IsMoving)
                throw mimic.Error("joint", $"mimicked joint '{target}' is fixed");
            if (master.Mimic is not null)
                throw mimic.Error("joint", $"mimicked joint '{target}' is itself a mimic joint (chains of mimics are not supported)");
        }
    }

    private static string LinkReference(UrdfElement joint, string role, HashSet<string> linkNames)
    {
        var element = joint.SingleChild(role) ?? throw joint.Error(null, $"missing <{role}> element");
        var link = element.Required("link");
        if (!linkNames.Contains(link))
            throw element.Error("link", $"link '{link}' is not defined");
        return link;
    }

    private static string Text(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
