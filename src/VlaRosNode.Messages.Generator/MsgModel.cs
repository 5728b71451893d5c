using System.Collections.Generic;

namespace VlaRosNode.Messages.Generator;

internal enum ArrayKind { None, Dynamic, Fixed, Bounded }

/// <summary>A field's type as written in a .msg file: base type, string bound, array shape.</summary>
internal sealed class FieldType
{
    public FieldType(string baseType, int stringBound, ArrayKind array, int arrayLength)
    {
        BaseType = baseType;
        StringBound = stringBound;
        Array = array;
        ArrayLength = arrayLength;
    }

    /// <summary>A primitive name (<c>float64</c>, <c>string</c>) or a message reference as written.</summary>
    public string BaseType { get; }

    /// <summary>Maximum UTF-8 bytes of a <c>string&lt;=N</c>; 0 when unbounded.</summary>
    public int StringBound { get; }

    public ArrayKind Array { get; }

    /// <summary>N of <c>T[N]</c> or <c>T[&lt;=N]</c>.</summary>
    public int ArrayLength { get; }

    public bool IsArray => Array != ArrayKind.None;
}

internal sealed class MsgField
{
    public MsgField(FieldType type, string name, string? defaultValue)
    {
        Type = type;
        Name = name;
        DefaultValue = defaultValue;
    }

    public FieldType Type { get; }
    public string Name { get; }
    public string? DefaultValue { get; }
}

internal sealed class MsgConstant
{
    public MsgConstant(string type, string name, string value)
    {
        Type = type;
        Name = name;
        Value = value;
    }

    public string Type { get; }
    public string Name { get; }
    public string Value { get; }
}

/// <summary>One parsed .msg file.</summary>
internal sealed class MsgSpec
{
    public MsgSpec(string package, string name, string text, List<MsgField> fields, List<MsgConstant> constants)
    {
        Package = package;
        Name = name;
        Text = text;
        Fields = fields;
        Constants = constants;
    }

    public string Package { get; }
    public string Name { get; }

    /// <summary>The file's text (line endings normalised), as it goes into the ros2msg schema.</summary>
    public string Text { get; }

    public List<MsgField> Fields { get; }
    public List<MsgConstant> Constants { get; }
    public string FullName => Package + "/" + Name;
}
