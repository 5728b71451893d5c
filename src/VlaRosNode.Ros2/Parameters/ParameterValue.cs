using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Ros2.Parameters;

/// <summary>The value types a ROS 2 parameter can have.</summary>
public enum ParameterType { Bool, Integer, Double, String, ByteArray, BoolArray, IntegerArray, DoubleArray, StringArray }

/// <summary>A typed parameter value (bool, long, double, string, byte[], bool[], long[], double[], string[]).</summary>
public sealed record ParameterValue(ParameterType Type, object Value)
{
    /// <summary>Wraps a CLR value of one of the supported types (an int is stored as a ROS integer).</summary>
    public static ParameterValue From(object value) => value switch
    {
        bool b => new(ParameterType.Bool, b),
        int i => new(ParameterType.Integer, (long)i),
        long l => new(ParameterType.Integer, l),
        float f => new(ParameterType.Double, (double)f),
        double d => new(ParameterType.Double, d),
        string s => new(ParameterType.String, s),
        byte[] a => new(ParameterType.ByteArray, a),
        bool[] a => new(ParameterType.BoolArray, a),
        int[] a => new(ParameterType.IntegerArray, a.Select(x => (long)x).ToArray()),
        long[] a => new(ParameterType.IntegerArray, a),
        double[] a => new(ParameterType.DoubleArray, a),
        string[] a => new(ParameterType.StringArray, a),
        _ => throw new ArgumentException($"a ROS parameter cannot hold a {value.GetType().Name}"),
    };

    /// <summary>The ROS parameter type a CLR type maps to.</summary>
    public static ParameterType TypeOf(Type type) =>
        type == typeof(bool) ? ParameterType.Bool :
        type == typeof(int) || type == typeof(long) ? ParameterType.Integer :
        type == typeof(float) || type == typeof(double) ? ParameterType.Double :
        type == typeof(string) ? ParameterType.String :
        type == typeof(byte[]) ? ParameterType.ByteArray :
        type == typeof(bool[]) ? ParameterType.BoolArray :
        type == typeof(int[]) || type == typeof(long[]) ? ParameterType.IntegerArray :
        type == typeof(double[]) ? ParameterType.DoubleArray :
        type == typeof(string[]) ? ParameterType.StringArray :
        throw new ArgumentException($"a ROS parameter cannot hold a {type.Name}");

    /// <summary>This value as <typeparamref name="T"/>; integers widen to doubles as a convenience, nothing else converts.</summary>
    public T As<T>()
    {
        object converted = (typeof(T), Value) switch
        {
            var (t, v) when t == typeof(int) && v is long l => checked((int)l),
            var (t, v) when t == typeof(float) && v is double d => (float)d,
            var (t, v) when t == typeof(double) && v is long l => (double)l,
            var (t, v) when t == typeof(int[]) && v is long[] a => a.Select(x => checked((int)x)).ToArray(),
            var (t, v) when t == typeof(double[]) && v is long[] a => a.Select(x => (double)x).ToArray(),
            _ => Value,
        };
        return converted is T typed ? typed : throw new InvalidCastException($"a {Describe(Type)} parameter cannot be read as {typeof(T).Name}");
    }

    /// <summary>Whether this value can stand for a parameter declared with type <paramref name="declared"/>.</summary>
    public bool FitsType(ParameterType declared) =>
        Type == declared ||
        (declared == ParameterType.Double && Type == ParameterType.Integer) ||
        (declared == ParameterType.DoubleArray && Type == ParameterType.IntegerArray);

    /// <summary>This value as a parameter declared <paramref name="declared"/> stores it (integers widen to doubles);
    /// call only when <see cref="FitsType"/> holds.</summary>
    public ParameterValue ConvertTo(ParameterType declared) => (declared, Value) switch
    {
        (ParameterType.Double, long l) => new(ParameterType.Double, (double)l),
        (ParameterType.DoubleArray, long[] a) => new(ParameterType.DoubleArray, a.Select(x => (double)x).ToArray()),
        _ => this,
    };

    /// <summary>Parses a command-line value (<c>-p name:=VALUE</c>) the way ROS does: as YAML.</summary>
    public static ParameterValue Parse(string text, string where)
    {
        var yaml = YamlText.Load(text.Length == 0 ? "''" : text, $"{where}: '{text}'");
        return yaml.Documents.Count == 1
            ? FromYaml(yaml.Documents[0].RootNode, where)
            : throw new ParameterException($"{where}: '{text}' must be one YAML value");
    }

    /// <summary>Converts a YAML scalar or flat sequence of one scalar type.</summary>
    public static ParameterValue FromYaml(YamlNode node, string where)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar);
            case YamlSequenceNode sequence:
                var items = sequence.Children.Select(c => c is YamlScalarNode s ? Scalar(s) : throw new ParameterException($"{where}: arrays may only hold scalars")).ToList();
                if (items.Count == 0)
                    throw new ParameterException($"{where}: an empty array has no type; ROS parameters need at least one element");
                var types = items.Select(i => i.Type).Distinct().ToList();
                if (types.Count == 2 && types.Contains(ParameterType.Integer) && types.Contains(ParameterType.Double))
                    return new(ParameterType.DoubleArray, items.Select(i => Convert.ToDouble(i.Value, CultureInfo.InvariantCulture)).ToArray());
                if (types.Count != 1)
                    throw new ParameterException($"{where}: array elements mix types ({string.Join(", ", types.Select(Describe))})");
                return types[0] switch
                {
                    ParameterType.Bool => new(ParameterType.BoolArray, items.Select(i => (bool)i.Value).ToArray()),
                    ParameterType.Integer => new(ParameterType.IntegerArray, items.Select(i => (long)i.Value).ToArray()),
                    ParameterType.Double => new(ParameterType.DoubleArray, items.Select(i => (double)i.Value).ToArray()),
                    _ => new(ParameterType.StringArray, items.Select(i => (string)i.Value).ToArray()),
                };
            default:
                throw new ParameterException($"{where}: expected a scalar or an array, found a mapping");
        }
    }

    private static ParameterValue Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted)
            return new(ParameterType.String, text);
        if (text is "true" or "True" or "TRUE")
            return new(ParameterType.Bool, true);
        if (text is "false" or "False" or "FALSE")
            return new(ParameterType.Bool, false);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return new(ParameterType.Integer, l);
        if (text is ".inf" or "+.inf" or ".Inf")
            return new(ParameterType.Double, double.PositiveInfinity);
        if (text is "-.inf" or "-.Inf")
            return new(ParameterType.Double, double.NegativeInfinity);
        if (text is ".nan" or ".NaN")
            return new(ParameterType.Double, double.NaN);
        if (text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return new(ParameterType.Double, d);
        return new(ParameterType.String, text);
    }

    public static string Describe(ParameterType type) => type switch
    {
        ParameterType.Bool => "bool",
        ParameterType.Integer => "integer",
        ParameterType.Double => "double",
        ParameterType.String => "string",
        ParameterType.ByteArray => "byte array",
        ParameterType.BoolArray => "bool array",
        ParameterType.IntegerArray => "integer array",
        ParameterType.DoubleArray => "double array",
        _ => "string array",
    };

    /// <summary>rclcpp's name of a type (<c>integer_array</c>), as its messages about parameters use it.</summary>
    public static string RosTypeName(ParameterType type) => Describe(type).Replace(' ', '_');

    public override string ToString() => Format(Value);

    private static string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Array a => "[" + string.Join(", ", a.Cast<object>().Select(Format)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>A parameter could not be parsed, declared or set: the message names the parameter, the node and the source.</summary>
public sealed class ParameterException(string message) : Exception(message);
