using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Policy.Package;

/// <summary>
/// Typed reads from a YAML mapping that fail with a <see cref="ModelPackageException"/> naming the field's
/// dotted path (e.g. <c>decoder.cache.heads</c>) and what was wrong.
/// </summary>
internal sealed class YamlFields(string package, YamlMappingNode node, string path)
{
    public string Path => path;

    public ModelPackageException Error(string key, string problem) => new(package, Join(key), problem);

    public bool Has(string key) => node.Children.ContainsKey(new YamlScalarNode(key));

    public YamlFields Map(string key) =>
        Node(key) is YamlMappingNode map ? new YamlFields(package, map, Join(key)) : throw Error(key, "expected a mapping");

    public YamlFields? OptionalMap(string key) => Has(key) ? Map(key) : null;

    public IEnumerable<string> Keys() =>
        node.Children.Keys.Select(k => k is YamlScalarNode { Value: { } v } ? v : throw new ModelPackageException(package, path, "keys must be plain strings"));

    public string String(string key)
    {
        var value = Scalar(key);
        return value.Length > 0 ? value : throw Error(key, "must not be empty");
    }

    public int Int(string key, int min, int max)
    {
        var text = Scalar(key);
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Error(key, $"expected an integer, got '{text}'");
        return value >= min && value <= max ? value : throw Error(key, $"{value} is outside [{min}, {max}]");
    }

    public float Float(string key) => ParseFloat(key, Scalar(key));

    public bool Bool(string key) => ParseBool(key, Scalar(key));

    public IReadOnlyList<string> Strings(string key) => Sequence(key).Select((n, i) => ScalarOf(n, $"{key}[{i}]")).ToArray();

    public float[] Floats(string key) => Sequence(key).Select((n, i) => ParseFloat($"{key}[{i}]", ScalarOf(n, $"{key}[{i}]"))).ToArray();

    public bool[] Bools(string key) => Sequence(key).Select((n, i) => ParseBool($"{key}[{i}]", ScalarOf(n, $"{key}[{i}]"))).ToArray();

    public int[] Ints(string key, int min, int max) => Sequence(key).Select((n, i) =>
    {
        var text = ScalarOf(n, $"{key}[{i}]");
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v : throw Error($"{key}[{i}]", $"expected an integer in [{min}, {max}], got '{text}'");
    }).ToArray();

    private YamlNode Node(string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : throw Error(key, "missing");

    private IEnumerable<YamlNode> Sequence(string key) =>
        Node(key) is YamlSequenceNode seq ? seq.Children : throw Error(key, "expected a list");

    private string Scalar(string key) => ScalarOf(Node(key), key);

    private string ScalarOf(YamlNode n, string key) =>
        n is YamlScalarNode { Value: { } v } ? v : throw Error(key, "expected a single value");

    private float ParseFloat(string key, string text) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v)
            ? v : throw Error(key, $"expected a finite number, got '{text}'");

    private bool ParseBool(string key, string text) => text switch
    {
        "true" or "True" => true,
        "false" or "False" => false,
        _ => throw Error(key, $"expected true or false, got '{text}'"),
    };

    private string Join(string key) => path.Length == 0 ? key : $"{path}.{key}";
}
