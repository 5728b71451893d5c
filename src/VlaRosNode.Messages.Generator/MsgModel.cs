using System.Collections.Generic;

namespace VlaRosNode.Messages.Generator;

internal enum ArrayKind { None, Dynamic, Fixed, Bounded }

/// <summary>A field's type as written in a .msg file.</summary>
/// <param name="BaseType">A primitive name (<c>float64</c>, <c>string</c>) or a message reference as written.</param>
/// <param name="StringBound">Maximum UTF-8 bytes of a <c>string&lt;=N</c>; 0 when unbounded.</param>
/// <param name="Array">Array shape.</param>
/// <param name="ArrayLength">N of <c>T[N]</c> or <c>T[&lt;=N]</c>.</param>
internal sealed record FieldType(string BaseType, int StringBound, ArrayKind Array, int ArrayLength)
{
    public bool IsArray => Array != ArrayKind.None;
}

internal sealed record MsgField(FieldType Type, string Name, string? DefaultValue);

internal sealed record MsgConstant(string Type, string Name, string Value);

/// <summary>One parsed .msg file, or one half of a .srv file (<c>Name_Request</c> / <c>Name_Response</c>).</summary>
/// <param name="Text">The file's text (line endings normalised), as it goes into the ros2msg schema.</param>
internal sealed record MsgSpec(string Package, string Name, string Text, List<MsgField> Fields, List<MsgConstant> Constants)
{
    /// <summary><c>msg</c>, or <c>srv</c> for a service's request or response.</summary>
    public string Kind { get; init; } = "msg";

    public string FullName => Package + "/" + Name;

    /// <summary>e.g. <c>sensor_msgs/msg/JointState</c>, <c>rcl_interfaces/srv/GetParameters_Request</c>.</summary>
    public string RosName => Package + "/" + Kind + "/" + Name;

    public string DdsName => Package + "::" + Kind + "::dds_::" + Name + "_";
}
