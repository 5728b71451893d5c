using Msg = VlaRosNode.Messages.RclInterfaces;

namespace VlaRosNode.Ros2.Parameters;

/// <summary>Parameters to and from their rcl_interfaces messages (the parameter services and /parameter_events).</summary>
public static class ParameterMessages
{
    /// <summary>rcl_interfaces/msg/ParameterType: NOT_SET is 0, then our enum's order plus one.</summary>
    public const byte NotSet = 0;

    public static byte TypeCode(ParameterType type) => (byte)((int)type + 1);

    public static Msg.ParameterValue ToMessage(ParameterValue value)
    {
        var m = new Msg.ParameterValue { Type = TypeCode(value.Type) };
        switch (value.Value)
        {
            case bool b: m.BoolValue = b; break;
            case long l: m.IntegerValue = l; break;
            case double d: m.DoubleValue = d; break;
            case string s: m.StringValue = s; break;
            case byte[] a: m.ByteArrayValue = a; break;
            case bool[] a: m.BoolArrayValue = a; break;
            case long[] a: m.IntegerArrayValue = a; break;
            case double[] a: m.DoubleArrayValue = a; break;
            case string[] a: m.StringArrayValue = a; break;
        }
        return m;
    }

    /// <summary>The value a message holds, or null for PARAMETER_NOT_SET; an unknown type code is a <see cref="ParameterException"/>.</summary>
    public static ParameterValue? FromMessage(Msg.ParameterValue m) => m.Type switch
    {
        NotSet => null,
        1 => new(ParameterType.Bool, m.BoolValue),
        2 => new(ParameterType.Integer, m.IntegerValue),
        3 => new(ParameterType.Double, m.DoubleValue),
        4 => new(ParameterType.String, m.StringValue),
        5 => new(ParameterType.ByteArray, m.ByteArrayValue),
        6 => new(ParameterType.BoolArray, m.BoolArrayValue),
        7 => new(ParameterType.IntegerArray, m.IntegerArrayValue),
        8 => new(ParameterType.DoubleArray, m.DoubleArrayValue),
        9 => new(ParameterType.StringArray, m.StringArrayValue),
        _ => throw new ParameterException($"parameter value of unknown type {m.Type} (rcl_interfaces/msg/ParameterType knows 0 to 9)"),
    };

    public static Msg.Parameter ToMessage(ParameterChange change) => new() { Name = change.Name, Value = ToMessage(change.Value) };

    public static Msg.ParameterDescriptor ToMessage(ParameterDescriptor d) => new()
    {
        Name = d.Name,
        Type = TypeCode(d.Type),
        Description = d.Description,
        AdditionalConstraints = d.AdditionalConstraints,
        ReadOnly = d.ReadOnly,
        IntegerRange = d.IntegerRange is { } i ? [new Msg.IntegerRange { FromValue = i.From, ToValue = i.To, Step = i.Step }] : [],
        FloatingPointRange = d.FloatingPointRange is { } f ? [new Msg.FloatingPointRange { FromValue = f.From, ToValue = f.To, Step = f.Step }] : [],
    };
}
