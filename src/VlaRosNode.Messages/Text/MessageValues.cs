using System.Globalization;
using System.Numerics;
using VlaRosNode.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Messages.Text;

/// <summary>The YAML mapping a generated <c>FromValues</c> reads one message from (`ros2 topic pub` syntax,
/// e.g. <c>{header: {frame_id: base}, position: [0.1, .nan]}</c>). Each getter returns the fallback when the
/// field is absent and throws <see cref="MessageValueException"/> naming the field when its value does not fit.</summary>
public sealed class MessageValues
{
    private readonly YamlMappingNode _map;
    private readonly string _path;

    private MessageValues(YamlMappingNode map, string path)
    {
        _map = map;
        _path = path;
    }

    /// <summary>Parses YAML text; empty text means "all defaults".</summary>
    public static MessageValues Parse(string yaml)
    {
        YamlStream stream;
        try
        {
            stream = YamlLoader.Load(yaml);
        }
        catch (YamlException e)
        {
            throw new MessageValueException("", YamlLoader.Problem(e));
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new MessageValues(new YamlMappingNode(), "");
        return stream.Documents[0].RootNode is YamlMappingNode map
            ? new MessageValues(map, "")
            : throw new MessageValueException("", "the message must be a YAML mapping of field names to values");
    }

    /// <summary>Fails on a key that is not one of the message's fields (a typo would otherwise be silently ignored).</summary>
    public void RejectUnknown(string[] fieldNames)
    {
        foreach (var key in _map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? key.ToString();
            if (System.Array.IndexOf(fieldNames, name) < 0)
                throw new MessageValueException(Path(name), $"no such field; the message has: {string.Join(", ", fieldNames)}");
        }
    }

    public bool TryGet(string field, out MessageValues values)
    {
        values = null!;
        if (!_map.Children.TryGetValue(new YamlScalarNode(field), out var node))
            return false;
        values = node is YamlMappingNode map
            ? new MessageValues(map, Path(field))
            : throw new MessageValueException(Path(field), "expected a mapping of field names to values");
        return true;
    }

    public bool Get(string field, bool fallback) => Scalar(field, fallback, ParseBool);
    public byte Get(string field, byte fallback) => Scalar(field, fallback, ParseInteger<byte>);
    public sbyte Get(string field, sbyte fallback) => Scalar(field, fallback, ParseInteger<sbyte>);
    public short Get(string field, short fallback) => Scalar(field, fallback, ParseInteger<short>);
    public ushort Get(string field, ushort fallback) => Scalar(field, fallback, ParseInteger<ushort>);
    public int Get(string field, int fallback) => Scalar(field, fallback, ParseInteger<int>);
    public uint Get(string field, uint fallback) => Scalar(field, fallback, ParseInteger<uint>);
    public long Get(string field, long fallback) => Scalar(field, fallback, ParseInteger<long>);
    public ulong Get(string field, ulong fallback) => Scalar(field, fallback, ParseInteger<ulong>);
    public float Get(string field, float fallback) => Scalar(field, fallback, (text, path) => (float)ParseFloat(text, path));
    public double Get(string field, double fallback) => Scalar(field, fallback, ParseFloat);
    public string Get(string field, string fallback) => Scalar(field, fallback, (text, _) => text);

    public bool[] Get(string field, bool[] fallback) => ArrayOf(field, fallback, ParseBool);
    public byte[] Get(string field, byte[] fallback) => ArrayOf(field, fallback, ParseInteger<byte>);
    public sbyte[] Get(string field, sbyte[] fallback) => ArrayOf(field, fallback, ParseInteger<sbyte>);
    public short[] Get(string field, short[] fallback) => ArrayOf(field, fallback, ParseInteger<short>);
    public ushort[] Get(string field, ushort[] fallback) => ArrayOf(field, fallback, ParseInteger<ushort>);
    public int[] Get(string field, int[] fallback) => ArrayOf(field, fallback, ParseInteger<int>);
    public uint[] Get(string field, uint[] fallback) => ArrayOf(field, fallback, ParseInteger<uint>);
    public long[] Get(string field, long[] fallback) => ArrayOf(field, fallback, ParseInteger<long>);
    public ulong[] Get(string field, ulong[] fallback) => ArrayOf(field, fallback, ParseInteger<ulong>);
    public float[] Get(string field, float[] fallback) => ArrayOf(field, fallback, (text, path) => (float)ParseFloat(text, path));
    public double[] Get(string field, double[] fallback) => ArrayOf(field, fallback, ParseFloat);
    public string[] Get(string field, string[] fallback) => ArrayOf(field, fallback, (text, _) => text);

    /// <summary>Fails unless a fixed-size array got exactly <paramref name="limit"/> values (or a bounded one at most that many).</summary>
    public void CheckLength(string field, int length, int limit, bool exact)
    {
        if (exact ? length != limit : length > limit)
            throw new MessageValueException(Path(field), exact ? $"needs exactly {limit} values, got {length}" : $"takes at most {limit} values, got {length}");
    }

    public T[] GetStructs<T>(string field, T[] fallback, Func<MessageValues, T> create) =>
        Items(field, fallback, (node, path) => node is YamlMappingNode map
            ? create(new MessageValues(map, path))
            : throw new MessageValueException(path, "expected a mapping of field names to values"));

    private T Scalar<T>(string field, T fallback, Func<string, string, T> parse)
    {
        if (!_map.Children.TryGetValue(new YamlScalarNode(field), out var node))
            return fallback;
        return ParseScalar(node, Path(field), parse);
    }

    private T[] ArrayOf<T>(string field, T[] fallback, Func<string, string, T> parse) =>
        Items(field, fallback, (node, path) => ParseScalar(node, path, parse));

    private static T ParseScalar<T>(YamlNode node, string path, Func<string, string, T> parse) =>
        node is YamlScalarNode scalar
            ? parse(scalar.Value ?? "", path)
            : throw new MessageValueException(path, "expected a single value");

    /// <summary>A list field, each item converted with its path (<c>field[i]</c>) for error messages.</summary>
    private T[] Items<T>(string field, T[] fallback, Func<YamlNode, string, T> convert)
    {
        if (!_map.Children.TryGetValue(new YamlScalarNode(field), out var node))
            return fallback;
        var items = node as YamlSequenceNode ?? throw new MessageValueException(Path(field), "expected a list, e.g. [1, 2, 3]");
        var result = new T[items.Children.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = convert(items.Children[i], $"{Path(field)}[{i}]");
        return result;
    }

    private string Path(string field) => _path.Length == 0 ? field : $"{_path}.{field}";

    private static bool ParseBool(string text, string path) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw new MessageValueException(path, $"'{text}' is not a bool (true/false)"),
    };

    private static T ParseInteger<T>(string text, string path) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (!BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new MessageValueException(path, $"'{text}' is not an integer");
        if (value < BigInteger.CreateChecked(T.MinValue) || value > BigInteger.CreateChecked(T.MaxValue))
            throw new MessageValueException(path, $"{text} is out of range [{T.MinValue}, {T.MaxValue}]");
        return T.CreateChecked(value);
    }

    /// <summary>The NaN Python's float('nan') and C++'s quiet_NaN() put on the wire (double.NaN has the sign bit set).</summary>
    private static readonly double QuietNaN = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000);

    private static double ParseFloat(string text, string path) => text.ToLowerInvariant() switch
    {
        ".nan" or "nan" => QuietNaN,
        ".inf" or "+.inf" or "inf" or "+inf" => double.PositiveInfinity,
        "-.inf" or "-inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MessageValueException(path, $"'{text}' is not a number"),
    };
}
