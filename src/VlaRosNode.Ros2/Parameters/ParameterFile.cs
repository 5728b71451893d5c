using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Ros2.Parameters;

/// <summary>A ROS 2 parameter file: <c>node: {ros__parameters: {name: value}}</c>, where the node key may be a
/// fully qualified name, a bare name, nested namespace keys, or a pattern with <c>*</c> (one name token) and
/// <c>/**</c> (any number of tokens, e.g. <c>/**</c> for every node). Nested parameter maps become dotted names.</summary>
public sealed class ParameterFile
{
    private readonly List<(string Pattern, Regex Matcher, Dictionary<string, ParameterValue> Values)> _sections = [];

    private ParameterFile(string source) => Source = source;

    public string Source { get; }

    public static ParameterFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new ParameterException($"cannot read parameter file '{path}': {e.Message}");
        }
        return Parse(text, path);
    }

    public static ParameterFile Parse(string yaml, string source)
    {
        var stream = YamlText.Load(yaml, $"parameter file '{source}'");
        var file = new ParameterFile(source);
        if (stream.Documents.Count == 0)
            return file;
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ParameterException($"parameter file '{source}': the top level must map node names to 'ros__parameters'");
        file.CollectNodes(root, "");
        return file;
    }

    /// <summary>The values for the node with this fully qualified name, later sections overriding earlier ones.</summary>
    public IReadOnlyDictionary<string, ParameterValue> ValuesFor(string nodeFullyQualifiedName)
    {
        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        foreach (var section in _sections.Where(s => s.Matcher.IsMatch(nodeFullyQualifiedName)))
            foreach (var (name, value) in section.Values)
                values[name] = value;
        return values;
    }

    private void CollectNodes(YamlMappingNode map, string prefix)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            var key = KeyOf(keyNode);
            var line = keyNode.Start.Line;
            if (key == "ros__parameters")
            {
                if (prefix.Length == 0)
                    throw new ParameterException($"parameter file '{Source}' line {line}: 'ros__parameters' must sit under a node name");
                if (value is not YamlMappingNode parameters)
                    throw new ParameterException($"parameter file '{Source}' line {line}: 'ros__parameters' of '{prefix}' must be a mapping");
                var values = new Dictionary<string, ParameterValue>();
                CollectParameters(parameters, "", prefix, values);
                var pattern = prefix.StartsWith('/') ? prefix : "/" + prefix;
                _sections.Add((pattern, PatternToRegex(pattern), values));
                continue;
            }
            if (value is not YamlMappingNode child)
                throw new ParameterException($"parameter file '{Source}' line {line}: '{key}' must be a node name or namespace holding 'ros__parameters'");
            CollectNodes(child, prefix.Length == 0 ? key : prefix.TrimEnd('/') + "/" + key.TrimStart('/'));
        }
    }

    private void CollectParameters(YamlMappingNode map, string prefix, string node, Dictionary<string, ParameterValue> into)
    {
        foreach (var (keyNode, value) in map.Children)
        {
            var name = prefix + KeyOf(keyNode);
            if (value is YamlMappingNode nested)
                CollectParameters(nested, name + ".", node, into);
            else
                into[name] = ParameterValue.FromYaml(value, $"parameter '{name}' of '{node}' in '{Source}' line {keyNode.Start.Line}");
        }
    }

    private string KeyOf(YamlNode key) =>
        key is YamlScalarNode { Value: { Length: > 0 } text } ? text : throw new ParameterException($"parameter file '{Source}' line {key.Start.Line}: keys must be plain names");

    /// <summary><c>/**</c> matches zero or more name tokens, <c>*</c> exactly one token.</summary>
    private static Regex PatternToRegex(string pattern)
    {
        var regex = Regex.Escape(pattern)
            .Replace(@"/\*\*", "(/[^/]+)*")
            .Replace(@"\*", "[^/]+");
        return new Regex("^" + regex + "$", RegexOptions.CultureInvariant);
    }
}
