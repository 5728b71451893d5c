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
        var robot = document.Root!;
        if (robot.Name.LocalName != "robot")
            throw Error(sourceName, robot, robot.Name.LocalName, null, "the root element must be <robot>");
        var robotName = RequiredAttribute(sourceName, robot, "robot", "name");

        var links = new List<UrdfLink>();
        var linkNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in robot.Elements("link"))
        {
            var name = RequiredAttribute(sourceName, element, "link", "name");
            if (!linkNames.Add(name))
                throw Error(sourceName, element, $"link '{name}'", "name", "duplicate link name");
            links.Add(new UrdfLink(name));
        }
        if (links.Count == 0)
            throw Error(sourceName, robot, "robot", null, "the robot has no <link>");

        var joints = new List<UrdfJoint>();
        var jointElements = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in robot.Elements("joint"))
        {
            var joint = ReadJoint(sourceName, element, linkNames);
            if (!jointElements.TryAdd(joint.Name, element))
                throw Error(sourceName, element, $"joint '{joint.Name}'", "name", "duplicate joint name");
            joints.Add(joint);
        }

        var root = ValidateTree(sourceName, robot, links, joints, jointElements);
        ValidateMimics(sourceName, joints, jointElements);
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

    private static UrdfJoint ReadJoint(string source, XElement element, HashSet<string> linkNames)
    {
        var name = RequiredAttribute(source, element, "joint", "name");
        var where = $"joint '{name}'";
        var typeText = RequiredAttribute(source, element, where, "type");
        var type = typeText switch
        {
            "revolute" => JointType.Revolute,
            "continuous" => JointType.Continuous,
            "prismatic" => JointType.Prismatic,
            "fixed" => JointType.Fixed,
            "floating" or "planar" => throw Error(source, element, where, "type", $"joint type '{typeText}' is not supported (only revolute, continuous, prismatic, fixed)"),
            _ => throw Error(source, element, where, "type", $"unknown joint type '{typeText}'"),
        };

        var parent = LinkReference(source, element, where, "parent", linkNames);
        var child = LinkReference(source, element, where, "child", linkNames);
        if (parent == child)
            throw Error(source, element, where, null, $"parent and child are the same link '{parent}'");

        var originElement = SingleOptional(source, element, where, "origin");
        var origin = originElement is null
            ? Pose3d.Identity
            : Pose3d.FromXyzRpy(
                OptionalVector(source, originElement, $"{where}/origin", "xyz", Vector3d.Zero),
                OptionalVector(source, originElement, $"{where}/origin", "rpy", Vector3d.Zero));

        var axis = Vector3d.UnitX; // URDF default
        var axisElement = SingleOptional(source, element, where, "axis");
        if (axisElement is not null && type != JointType.Fixed)
        {
            axis = RequiredVector(source, axisElement, $"{where}/axis", "xyz");
            if (axis.Length < 1e-9)
                throw Error(source, axisElement, $"{where}/axis", "xyz", "the axis must not be the zero vector");
            axis = axis.Normalized();
        }

        var limits = ReadLimits(source, element, where, type);
        var mimic = ReadMimic(source, element, where, type);
        return new UrdfJoint(name, type, parent, child, origin, axis, limits, mimic);
    }

    private static JointLimits? ReadLimits(string source, XElement joint, string where, JointType type)
    {
        var element = SingleOptional(source, joint, where, "limit");
        if (element is null)
        {
            if (type is JointType.Revolute or JointType.Prismatic)
                throw Error(source, joint, where, null, $"a {type.ToString().ToLowerInvariant()} joint needs a <limit> element");
            return null;
        }
        if (type == JointType.Fixed)
            return null;

        var at = $"{where}/limit";
        var velocity = RequiredNumber(source, element, at, "velocity");
        var effort = RequiredNumber(source, element, at, "effort");
        if (velocity < 0)
            throw Error(source, element, at, "velocity", $"velocity limit {Text(velocity)} is negative");
        if (effort < 0)
            throw Error(source, element, at, "effort", $"effort limit {Text(effort)} is negative");
        if (type == JointType.Continuous)
            return new JointLimits(double.NegativeInfinity, double.PositiveInfinity, velocity, effort);

        var lower = OptionalNumber(source, element, at, "lower", 0);
        var upper = OptionalNumber(source, element, at, "upper", 0);
        if (lower > upper)
            throw Error(source, element, at, "lower", $"lower limit {Text(lower)} is above upper limit {Text(upper)}");
        return new JointLimits(lower, upper, velocity, effort);
    }

    private static JointMimic? ReadMimic(string source, XElement joint, string where, JointType type)
    {
        var element = SingleOptional(source, joint, where, "mimic");
        if (element is null)
            return null;
        var at = $"{where}/mimic";
        if (type == JointType.Fixed)
            throw Error(source, element, at, null, "a fixed joint cannot mimic another joint");
        return new JointMimic(
            RequiredAttribute(source, element, at, "joint"),
            OptionalNumber(source, element, at, "multiplier", 1),
            OptionalNumber(source, element, at, "offset", 0));
    }

    /// <summary>Each link has at most one parent joint and all links hang from one root: returns the root.</summary>
    private static string ValidateTree(
        string source, XElement robot, List<UrdfLink> links, List<UrdfJoint> joints, Dictionary<string, XElement> elements)
    {
        var parentOf = new Dictionary<string, UrdfJoint>(StringComparer.Ordinal);
        foreach (var joint in joints)
        {
            if (!parentOf.TryAdd(joint.Child, joint))
                throw Error(source, elements[joint.Name], $"joint '{joint.Name}'", "child",
                    $"link '{joint.Child}' already has parent joint '{parentOf[joint.Child].Name}'");
        }

        var roots = links.Where(l => !parentOf.ContainsKey(l.Name)).Select(l => l.Name).ToList();
        if (roots.Count != 1)
            throw Error(source, robot, "robot", null, roots.Count == 0
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
            throw Error(source, elements[parentOf[cyclic.Name].Name], $"joint '{parentOf[cyclic.Name].Name}'", null,
                $"link '{cyclic.Name}' is on a cycle of joints");
        return roots[0];
    }

    private static void ValidateMimics(string source, List<UrdfJoint> joints, Dictionary<string, XElement> elements)
    {
        var byName = joints.ToDictionary(j => j.Name, StringComparer.Ordinal);
        foreach (var joint in joints.Where(j => j.Mimic is not null))
        {
            var element = elements[joint.Name].Element("mimic")!;
            var at = $"joint '{joint.Name}'/mimic";
            var target = joint.Mimic!.Joint;
            if (!byName.TryGetValue(target, out var master))
                throw Error(source, element, at, "joint", $"mimicked joint '{target}' does not exist");
            if (master == joint)
                throw Error(source, element, at, "joint", "a joint cannot mimic itself");
            if (!master.IsMoving)
                throw Error(source, element, at, "joint", $"mimicked joint '{target}' is fixed");
            if (master.Mimic is not null)
                throw Error(source, element, at, "joint", $"mimicked joint '{target}' is itself a mimic joint (chains of mimics are not supported)");
        }
    }

    private static string LinkReference(string source, XElement joint, string where, string role, HashSet<string> linkNames)
    {
        var element = SingleOptional(source, joint, where, role)
            ?? throw Error(source, joint, where, null, $"missing <{role}> element");
        var link = RequiredAttribute(source, element, $"{where}/{role}", "link");
        if (!linkNames.Contains(link))
            throw Error(source, element, $"{where}/{role}", "link", $"link '{link}' is not defined");
        return link;
    }

    private static XElement? SingleOptional(string source, XElement parent, string where, string name)
    {
        XElement? found = null;
        foreach (var element in parent.Elements(name))
        {
            if (found is not null)
                throw Error(source, element, $"{where}/{name}", null, $"more than one <{name}> element");
            found = element;
        }
        return found;
    }

    private static string RequiredAttribute(string source, XElement element, string where, string attribute)
    {
        var value = element.Attribute(attribute)?.Value;
        if (string.IsNullOrWhiteSpace(value))
            throw Error(source, element, where, attribute, value is null ? "missing attribute" : "empty attribute");
        return value;
    }

    private static double RequiredNumber(string source, XElement element, string where, string attribute) =>
        ParseNumber(source, element, where, attribute, RequiredAttribute(source, element, where, attribute));

    private static double OptionalNumber(string source, XElement element, string where, string attribute, double fallback)
    {
        var text = element.Attribute(attribute)?.Value;
        return text is null ? fallback : ParseNumber(source, element, where, attribute, text);
    }

    private static double ParseNumber(string source, XElement element, string where, string attribute, string text)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Error(source, element, where, attribute, $"'{Shorten(text)}' is not a finite number");
        return value;
    }

    private static Vector3d RequiredVector(string source, XElement element, string where, string attribute) =>
        ParseVector(source, element, where, attribute, RequiredAttribute(source, element, where, attribute));

    private static Vector3d OptionalVector(string source, XElement element, string where, string attribute, Vector3d fallback)
    {
        var text = element.Attribute(attribute)?.Value;
        return text is null ? fallback : ParseVector(source, element, where, attribute, text);
    }

    private static Vector3d ParseVector(string source, XElement element, string where, string attribute, string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
            throw Error(source, element, where, attribute, $"'{Shorten(text)}' must be three numbers");
        var values = new double[3];
        for (var i = 0; i < 3; i++)
            values[i] = ParseNumber(source, element, where, attribute, parts[i]);
        return new Vector3d(values[0], values[1], values[2]);
    }

    private static UrdfException Error(string source, XElement at, string where, string? attribute, string problem)
    {
        var line = ((IXmlLineInfo)at).HasLineInfo() ? ((IXmlLineInfo)at).LineNumber : (int?)null;
        return new UrdfException(source, where, attribute, line, problem);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static string Text(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
