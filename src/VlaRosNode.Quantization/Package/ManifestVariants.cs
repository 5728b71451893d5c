using VlaRosNode.Policy.Package;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Quantization.Package;

/// <summary>Adds or replaces precision entries (<c>decoder.files.int4: decoder.int4.onnx</c>) in a package's
/// manifest.yaml, keeping every other field and its style; the result is parsed again before it is written.</summary>
public static class ManifestVariants
{
    public static void Write(string packageDirectory, IEnumerable<(string Graph, string Precision, string File)> entries)
    {
        var path = Path.Combine(packageDirectory, ModelPackage.ManifestFile);
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
            stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        foreach (var (graph, precision, file) in entries)
        {
            var files = (YamlMappingNode)((YamlMappingNode)root[graph])["files"];
            files.Children[new YamlScalarNode(precision)] = new YamlScalarNode(file);
        }
        using var text = new StringWriter();
        stream.Save(text, assignAnchors: false);
        var yaml = text.ToString().TrimEnd('.', '\n', '\r') + "\n"; // Save ends the document with "...", which the manifest never had
        ManifestParser.Parse(yaml, packageDirectory);
        File.WriteAllText(path, yaml);
    }
}
