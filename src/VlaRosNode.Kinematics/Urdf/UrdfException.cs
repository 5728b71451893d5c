namespace VlaRosNode.Kinematics.Urdf;

/// <summary>
/// A URDF that cannot be used, with where: the source (file name), the element (e.g. <c>joint 'j1'/limit</c>),
/// the attribute, and the line when known.
/// </summary>
public sealed class UrdfException : Exception
{
    public UrdfException(string source, string? element, string? attribute, int? line, string problem, Exception? inner = null)
        : base(Format(source, element, attribute, line, problem), inner)
    {
        Source = source;
        Element = element;
        Attribute = attribute;
        Line = line;
        Problem = problem;
    }

    public new string Source { get; }
    public string? Element { get; }
    public string? Attribute { get; }
    public int? Line { get; }
    public string Problem { get; }

    private static string Format(string source, string? element, string? attribute, int? line, string problem)
    {
        var where = source + (line is { } l ? $":{l}" : "");
        if (element is not null)
            where += $": <{element}>";
        if (attribute is not null)
            where += $" attribute '{attribute}'";
        return $"URDF {where}: {problem}";
    }
}
