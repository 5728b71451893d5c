using System.Collections.Generic;
using System.Linq;

namespace VlaRosNode.Messages.Generator;

/// <summary>ROS names to C# names: snake_case fields to PascalCase properties, packages to namespaces.</summary>
internal static class Naming
{
    public const string RootNamespace = "VlaRosNode.Messages";

    /// <summary>Members every generated class declares; a field that would collide gets a trailing underscore.</summary>
    private static readonly HashSet<string> Reserved = new HashSet<string>
    {
        "Info", "TypeInfo", "Schema", "GetSerializedSize", "Serialize", "Deserialize", "MeasureBody", "WriteBody",
        "ReadBody", "FromValues", "WriteYaml", "ToString", "Equals", "GetHashCode", "GetType", "MemberwiseClone",
    };

    public static string Pascal(string snake) =>
        string.Concat(snake.Split('_').Where(part => part.Length > 0)
            .Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)));

    public static string Property(string fieldName, string className)
    {
        var name = Pascal(fieldName);
        return name == className || Reserved.Contains(name) ? name + "_" : name;
    }

    public static string Namespace(string package) => RootNamespace + "." + Pascal(package);

    public static string ClassReference(MsgSpec spec) => "global::" + Namespace(spec.Package) + "." + spec.Name;
}
