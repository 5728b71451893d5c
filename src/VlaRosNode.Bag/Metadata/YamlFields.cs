using System.Globalization;
using VlaRosNode.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Bag.Metadata;

/// <summary>Typed access to YAML mapping fields, with every mismatch reported as a <see cref="BagFormatException"/>
/// naming the file and the key path.</summary>
internal sealed class YamlFields(string file, string location)
{
    /// <summary>Fields nested under <paramref name="key"/> (errors then name the longer path).</summary>
    public YamlFields Child(string key) => new(file, location.Length == 0 ? key : $"{location}.{key}");

    public YamlMappingNode Map(YamlNode node, string key) =>
        node as YamlMappingNode ?? throw Error(key, "is not a mapping");

    public YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public YamlNode Required(YamlMappingNode map, string key) =>
        Optional(map, key) ?? throw Error(key, "is missing");

    public string String(YamlMappingNode map, string key, string? fallback = null)
    {
        var node = fallback is null ? Required(map, key) : Optional(map, key);
        if (node is null)
            return fallback!;
        return node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Error(key, "is not a scalar");
    }

    public long Integer(YamlMappingNode map, string key, long? fallback = null)
    {
        var node = fallback is null ? Required(map, key) : Optional(map, key);
        if (node is null)
            return fallback!.Value;
        if (node is YamlScalarNode { Value: { } text } && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            return value;
        throw Error(key, "is not an integer");
    }

    public bool Boolean(YamlMappingNode map, string key, bool fallback)
    {
        if (Optional(map, key) is not { } node)
            return fallback;
        if (node is YamlScalarNode { Value: { } text } && bool.TryParse(text, out var value))
            return value;
        throw Error(key, "is not true or false");
    }

    public YamlSequenceNode Sequence(YamlMappingNode map, string key, bool required = false)
    {
        var node = required ? Required(map, key) : Optional(map, key);
        return node switch
        {
            null => new YamlSequenceNode(),
            YamlSequenceNode sequence => sequence,
            YamlScalarNode { Value: null or "" } => new YamlSequenceNode(),
            _ => throw Error(key, "is not a list"),
        };
    }

    /// <summary>An enum written as its integer (rmw numbering) or as one of <paramref name="names"/>.</summary>
    public T Enum<T>(YamlMappingNode map, string key, string[] names) where T : struct, System.Enum
    {
        var text = String(map, key, "0");
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0 && number < names.Length)
            return (T)(object)number;
        var index = Array.IndexOf(names, text.ToLowerInvariant());
        if (index >= 0)
            return (T)(object)index;
        throw Error(key, $"has unknown value '{text}' (expected 0..{names.Length - 1} or one of {string.Join(", ", names)})");
    }

    /// <summary>Parses YAML text; the root node of its first document, or null when there is none.</summary>
    public static YamlNode? LoadRoot(string text, string file, string location)
    {
        YamlStream stream;
        try
        {
            stream = YamlLoader.Load(text);
        }
        catch (YamlException e)
        {
            throw new BagFormatException(file, location, YamlLoader.Problem(e), e);
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    public BagFormatException Error(string key, string reason) => new(file, $"{location}.{key}", $"'{key}' {reason}");
}
