using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace VlaRosNode.Messages.Generator;

/// <summary>The RIHS01 type hash of REP-2011 (what Iron and later put in <c>typehash=</c> of endpoint USER_DATA):
/// SHA-256 of the type description (<c>type_description_interfaces/msg/TypeDescriptionMsg</c> without default values
/// or constants) as JSON, written the way rosidl_generator_type_description's Python <c>json.dumps</c> does.</summary>
internal static class TypeHash
{
    // type_description_interfaces/msg/FieldType ids; arrays add 48 (fixed), 96 (bounded) or 144 (unbounded).
    private static readonly Dictionary<string, int> TypeIds = new Dictionary<string, int>
    {
        ["int8"] = 2, ["uint8"] = 3, ["char"] = 3, ["int16"] = 4, ["uint16"] = 5, ["int32"] = 6, ["uint32"] = 7,
        ["int64"] = 8, ["uint64"] = 9, ["float32"] = 10, ["float64"] = 11, ["bool"] = 15, ["byte"] = 16,
    };

    private const int Nested = 1, String = 17, BoundedString = 21;

    public static string Compute(MsgSpec root, IReadOnlyDictionary<string, MsgSpec> specs)
    {
        var referenced = new SortedDictionary<string, MsgSpec>(StringComparer.Ordinal);
        CollectReferences(root, specs, referenced);
        var json = new StringBuilder("{\"type_description\": ");
        AppendDescription(json, root, specs);
        json.Append(", \"referenced_type_descriptions\": [");
        var first = true;
        foreach (var spec in referenced.Values)
        {
            json.Append(first ? "" : ", ");
            AppendDescription(json, spec, specs);
            first = false;
        }
        json.Append("]}");
        using var sha = SHA256.Create();
        var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(json.ToString()));
        return "RIHS01_" + string.Concat(digest.Select(b => b.ToString("x2")));
    }

    private static void CollectReferences(MsgSpec spec, IReadOnlyDictionary<string, MsgSpec> specs, SortedDictionary<string, MsgSpec> into)
    {
        foreach (var field in spec.Fields)
        {
            if (TypeResolver.Resolve(field, spec, specs) is { } nested && !into.ContainsKey(nested.RosName))
            {
                into.Add(nested.RosName, nested);
                CollectReferences(nested, specs, into);
            }
        }
    }

    private static void AppendDescription(StringBuilder json, MsgSpec spec, IReadOnlyDictionary<string, MsgSpec> specs)
    {
        json.Append("{\"type_name\": \"").Append(spec.RosName).Append("\", \"fields\": [");
        if (spec.Fields.Count == 0)
            AppendField(json, "structure_needs_at_least_one_member", TypeIds["uint8"], 0, 0, "");
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            var field = spec.Fields[i];
            var nested = TypeResolver.Resolve(field, spec, specs);
            var type = field.Type;
            var id = nested != null ? Nested : type.BaseType == "string" ? (type.StringBound > 0 ? BoundedString : String) : TypeIds[type.BaseType];
            id += type.Array switch { ArrayKind.Fixed => 48, ArrayKind.Bounded => 96, ArrayKind.Dynamic => 144, _ => 0 };
            if (i > 0)
                json.Append(", ");
            AppendField(json, field.Name, id, type.ArrayLength, type.StringBound, nested?.RosName ?? "");
        }
        json.Append("]}");
    }

    private static void AppendField(StringBuilder json, string name, int typeId, int capacity, int stringCapacity, string nestedTypeName) =>
        json.Append("{\"name\": \"").Append(name).Append("\", \"type\": {\"type_id\": ").Append(typeId)
            .Append(", \"capacity\": ").Append(capacity).Append(", \"string_capacity\": ").Append(stringCapacity)
            .Append(", \"nested_type_name\": \"").Append(nestedTypeName).Append("\"}}");
}
