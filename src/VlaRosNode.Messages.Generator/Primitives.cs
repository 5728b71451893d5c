using System.Collections.Generic;

namespace VlaRosNode.Messages.Generator;

/// <summary>The ROS 2 primitive types and their C# equivalents (all fixed-size ones are unmanaged, so they
/// go through CdrWriter.Write&lt;T&gt; and block copies).</summary>
internal static class Primitives
{
    private static readonly Dictionary<string, string> ClrNames = new Dictionary<string, string>
    {
        ["bool"] = "bool",
        ["byte"] = "byte",
        ["char"] = "byte",
        ["int8"] = "sbyte",
        ["uint8"] = "byte",
        ["int16"] = "short",
        ["uint16"] = "ushort",
        ["int32"] = "int",
        ["uint32"] = "uint",
        ["int64"] = "long",
        ["uint64"] = "ulong",
        ["float32"] = "float",
        ["float64"] = "double",
        ["string"] = "string",
    };

    public static bool IsPrimitive(string rosType) => ClrNames.ContainsKey(rosType);

    public static string ClrName(string rosType) => ClrNames[rosType];

    /// <summary>A wide string has no portable CDR encoding; we reject it rather than guess.</summary>
    public static bool IsUnsupported(string rosType) => rosType == "wstring";
}
