using System.Text;
using VlaRosNode.Messages;

namespace VlaRosNode.Ros2.Tools;

/// <summary><c>vla interface show</c>: a message definition with its nested types expanded and indented by a tab
/// per level, as <c>ros2 interface show</c> prints it.</summary>
public static class InterfaceText
{
    private static readonly HashSet<string> Primitives =
        ["bool", "byte", "char", "float32", "float64", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "string", "wstring"];

    public static string Show(string type)
    {
        var info = MessageRegistry.Find(type)
            ?? throw new ToolError($"unknown message type '{type}'; known: {string.Join(", ", MessageRegistry.All.Select(t => t.RosName))}");
        var sections = Split(info.Ros2MsgSchema);
        var text = new StringBuilder();
        Append(text, sections[""], Package(info.RosName), sections, 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string definition, string package, Dictionary<string, string> sections, int depth)
    {
        foreach (var line in definition.Split('\n'))
        {
            text.Append('\t', depth).AppendLine(line);
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed.Contains('='))
                continue;
            var fieldType = trimmed.Split(' ', 2)[0];
            var bare = fieldType.Split('[')[0].Split('<')[0];
            if (Primitives.Contains(bare))
                continue;
            var key = bare.Contains('/') ? bare : $"{package}/{bare}";
            if (bare == "Header")
                key = "std_msgs/Header";
            if (sections.TryGetValue(key, out var nested))
                Append(text, nested, Package(key), sections, depth + 1);
        }
    }

    internal static string Package(string type) => type.Split('/')[0];

    /// <summary>The ros2msg schema: the root text, then "=====" lines each followed by "MSG: pkg/Type" and its text.</summary>
    internal static Dictionary<string, string> Split(string schema)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = schema.Split(new string('=', 80) + "\n");
        sections[""] = parts[0].TrimEnd('\n');
        foreach (var part in parts.Skip(1))
        {
            var newline = part.IndexOf('\n');
            var header = newline < 0 ? part : part[..newline];
            if (header.StartsWith("MSG: ", StringComparison.Ordinal))
                sections[header[5..].Trim().Replace("/msg/", "/")] = newline < 0 ? "" : part[(newline + 1)..].TrimEnd('\n');
        }
        return sections;
    }
}
