using System.Text;
using VlaRosNode.Messages;

namespace VlaRosNode.Ros2.Tools;

/// <summary>Writes OMG IDL for message types the way ROS 2 maps them onto DDS (module <c>pkg::msg::dds_</c>, struct
/// <c>Type_</c>), from the same .msg text the C# types are generated from, so that another DDS implementation's
/// code generator (e.g. fastddsgen) produces wire-compatible types.</summary>
public static class IdlWriter
{
    private static readonly Dictionary<string, string> Primitives = new()
    {
        ["bool"] = "boolean", ["byte"] = "octet", ["char"] = "octet", ["uint8"] = "octet", ["int8"] = "char",
        ["int16"] = "short", ["uint16"] = "unsigned short", ["int32"] = "long", ["uint32"] = "unsigned long",
        ["int64"] = "long long", ["uint64"] = "unsigned long long", ["float32"] = "float", ["float64"] = "double",
        ["string"] = "string",
    };

    /// <summary>One IDL document defining <paramref name="rosTypes"/> and everything they use, dependencies first.</summary>
    public static string Write(IEnumerable<string> rosTypes)
    {
        var definitions = new Dictionary<string, (string Package, string Name, string Text)>(StringComparer.Ordinal);
        var ordered = new List<string>();
        foreach (var rosType in rosTypes)
        {
            var info = MessageRegistry.Find(rosType) ?? throw new ToolError($"unknown message type '{rosType}'");
            var sections = InterfaceText.Split(info.Ros2MsgSchema);
            var root = info.RosName.Replace("/msg/", "/");
            sections[root] = sections[""];
            Visit(root, sections, ordered, definitions);
        }
        var idl = new StringBuilder();
        foreach (var key in ordered)
        {
            var (package, name, text) = definitions[key];
            idl.AppendLine($"module {package} {{ module msg {{ module dds_ {{");
            idl.AppendLine($"  struct {name}_ {{");
            var fields = Fields(text, package).ToList();
            if (fields.Count == 0)
                idl.AppendLine("    octet structure_needs_at_least_one_member;");
            foreach (var (type, field, _) in fields)
                idl.AppendLine($"    {Declaration(type, field, package)};");
            idl.AppendLine("  };");
            idl.AppendLine("}; }; };");
        }
        return idl.ToString();
    }

    private static void Visit(string key, Dictionary<string, string> sections, List<string> ordered, Dictionary<string, (string, string, string)> definitions)
    {
        if (definitions.ContainsKey(key))
            return;
        var package = InterfaceText.Package(key);
        var text = sections.TryGetValue(key, out var t) ? t : throw new ToolError($"the schema has no definition of '{key}'");
        definitions[key] = (package, key.Split('/')[1], text);
        foreach (var (_, _, nested) in Fields(text, package))
            if (nested is not null)
                Visit(nested, sections, ordered, definitions);
        ordered.Add(key);
    }

    /// <summary>Field lines as (type token, name, nested type key or null); comments and constants skipped.</summary>
    private static IEnumerable<(string Type, string Name, string? Nested)> Fields(string text, string package)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts[1].Contains('='))
                continue;
            var bare = Bare(parts[0]);
            yield return (parts[0], parts[1], Primitives.ContainsKey(bare) ? null : Key(bare, package));
        }
    }

    private static string Bare(string type) => type.Split('[')[0].Split("<=")[0];

    private static string Key(string bare, string package) =>
        bare == "Header" ? "std_msgs/Header" : bare.Contains('/') ? bare.Replace("/msg/", "/") : $"{package}/{bare}";

    private static string Declaration(string type, string name, string package)
    {
        var bare = Bare(type);
        var element = Primitives.TryGetValue(bare, out var primitive)
            ? (bare == "string" && type.Split('[')[0].Contains("<=") ? $"string<{type.Split('[')[0].Split("<=")[1]}>" : primitive)
            : Key(bare, package).Replace("/", "::msg::dds_::") + "_";
        var bracket = type.IndexOf('[');
        if (bracket < 0)
            return $"{element} {name}";
        var bound = type[(bracket + 1)..^1];
        return bound.Length == 0 ? $"sequence<{element}> {name}"
            : bound.StartsWith("<=", StringComparison.Ordinal) ? $"sequence<{element}, {bound[2..]}> {name}"
            : $"{element} {name}[{bound}]";
    }
}
