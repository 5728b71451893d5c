using System;
using System.Collections.Generic;
using System.Text;

namespace VlaRosNode.Messages.Generator;

/// <summary>Resolves message references (<c>pkg/Type</c>, <c>pkg/msg/Type</c>, or a bare name in the same package)
/// and builds the ros2msg schema text.</summary>
internal static class TypeResolver
{
    /// <summary>The message a field refers to, or null for a primitive.</summary>
    public static MsgSpec? Resolve(MsgField field, MsgSpec owner, IReadOnlyDictionary<string, MsgSpec> specs)
    {
        FieldCode.Validate(field);
        var type = field.Type.BaseType;
        if (Primitives.IsPrimitive(type))
            return null;
        var parts = type.Split('/');
        var key = parts.Length switch
        {
            1 when type == "Header" && !specs.ContainsKey(owner.Package + "/Header") => "std_msgs/Header", // ROS 1 legacy
            1 => owner.Package + "/" + type,
            2 => type,
            3 when parts[1] == "msg" => parts[0] + "/" + parts[2],
            _ => throw new FormatException($"field '{field.Name}': bad type name '{type}'"),
        };
        if (!specs.TryGetValue(key, out var spec))
            throw new FormatException($"field '{field.Name}': unknown message type '{type}' (add interfaces/{key.Replace("/", "/msg/")}.msg)");
        return spec;
    }

    /// <summary>Root text, then each dependency once (depth first), each after a line of 80 '=' and <c>MSG: pkg/Type</c>.</summary>
    public static string Schema(MsgSpec root, IReadOnlyDictionary<string, MsgSpec> specs)
    {
        RejectCycles(root, specs, new List<string>());
        var text = new StringBuilder(root.Text);
        var seen = new HashSet<string> { root.FullName };
        AppendDependencies(root, specs, seen, text);
        return text.ToString();
    }

    /// <summary>A message that contains itself (directly or not) has no finite encoding.</summary>
    private static void RejectCycles(MsgSpec spec, IReadOnlyDictionary<string, MsgSpec> specs, List<string> path)
    {
        if (path.Contains(spec.FullName))
            throw new FormatException($"recursive message: {string.Join(" -> ", path)} -> {spec.FullName}");
        path.Add(spec.FullName);
        foreach (var field in spec.Fields)
        {
            if (Resolve(field, spec, specs) is { } dependency)
                RejectCycles(dependency, specs, path);
        }
        path.RemoveAt(path.Count - 1);
    }

    private static void AppendDependencies(MsgSpec spec, IReadOnlyDictionary<string, MsgSpec> specs, HashSet<string> seen, StringBuilder text)
    {
        foreach (var field in spec.Fields)
        {
            var dependency = Resolve(field, spec, specs);
            if (dependency == null || !seen.Add(dependency.FullName))
                continue;
            text.Append('\n').Append('=', 80).Append("\nMSG: ").Append(dependency.FullName).Append('\n').Append(dependency.Text);
            AppendDependencies(dependency, specs, seen, text);
        }
    }
}
