using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using VlaRosNode.Kinematics.Geometry;

namespace VlaRosNode.Kinematics.Urdf;

/// <summary>
/// A URDF element being read together with what an error about it must name: the source, a readable path
/// such as <c>joint 'j1'/limit</c>, and (from the XML) the line. Attribute readers validate as they read.
/// </summary>
internal readonly struct UrdfElement(string source, XElement xml, string where)
{
    public XElement Xml => xml;
    public string Where => where;

    public UrdfException Error(string? attribute, string problem) =>
        new(source, where, attribute, ((IXmlLineInfo)xml).HasLineInfo() ? ((IXmlLineInfo)xml).LineNumber : null, problem);

    /// <summary>The element's only child called <paramref name="name"/>, or null; two of them are an error.</summary>
    public UrdfElement? SingleChild(string name)
    {
        UrdfElement? found = null;
        foreach (var child in xml.Elements(name))
        {
            var element = new UrdfElement(source, child, $"{where}/{name}");
            if (found is not null)
                throw element.Error(null, $"more than one <{name}> element");
            found = element;
        }
        return found;
    }

    public string Required(string attribute)
    {
        var value = xml.Attribute(attribute)?.Value;
        if (string.IsNullOrWhiteSpace(value))
            throw Error(attribute, value is null ? "missing attribute" : "empty attribute");
        return value;
    }

    public double Number(string attribute) => ParseNumber(attribute, Required(attribute));

    public double Number(string attribute, double fallback) =>
        xml.Attribute(attribute)?.Value is { } text ? ParseNumber(attribute, text) : fallback;

    public Vector3d Vector(string attribute) => ParseVector(attribute, Required(attribute));

    public Vector3d Vector(string attribute, Vector3d fallback) =>
        xml.Attribute(attribute)?.Value is { } text ? ParseVector(attribute, text) : fallback;

    private double ParseNumber(string attribute, string text)
    {
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Error(attribute, $"'{Shorten(text)}' is not a finite number");
        return value;
    }

    private Vector3d ParseVector(string attribute, string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
            throw Error(attribute, $"'{Shorten(text)}' must be three numbers");
        return new Vector3d(ParseNumber(attribute, parts[0]), ParseNumber(attribute, parts[1]), ParseNumber(attribute, parts[2]));
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
