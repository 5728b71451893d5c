using Microsoft.ML.OnnxRuntime;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Images;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Quantization.Onnx;
using VlaRosNode.Quantization.Schemes;

namespace VlaRosNode.Quantization.Package;

/// <summary>
/// <c>vla model quantize</c>: writes each scheme's variant of the package's decoder and drafter (from their fp32
/// files) beside them as <c>decoder.PRECISION.onnx</c> (':' written as '.'), names them in manifest.yaml under each of
/// the scheme's names, then opens the package at
/// every written precision with ONNX Runtime and runs one policy step to prove the variants load and run.
/// Errors: <see cref="ModelPackageException"/> for the package, <see cref="OnnxModelException"/> for a graph file.
/// </summary>
public static class PackageQuantizer
{
    public const string SourcePrecision = "fp32";

    public static IReadOnlyList<VariantFile> Quantize(string packageDirectory, IReadOnlyList<QuantizationScheme> schemes)
    {
        var package = ModelPackage.Load(packageDirectory);
        CheckRuns(package.Directory, SourcePrecision); // an fp32 graph ONNX Runtime rejects is the source's fault, not a variant's
        var written = new List<VariantFile>();
        foreach (var (graph, spec) in Graphs(package.Manifest))
        {
            if (!spec.Files.TryGetValue(SourcePrecision, out var sourceFile))
                throw new ModelPackageException(package.Directory, $"{graph}.files", $"has no {SourcePrecision} file to quantise");
            var source = OnnxModelFile.Load(package.PathOf(sourceFile));
            foreach (var scheme in schemes)
            {
                var file = VariantName(sourceFile, scheme.Precision);
                var model = MatMulRewriter.Rewrite(source, scheme, out var matMuls);
                OnnxModelFile.Save(model, package.PathOf(file));
                written.Add(new VariantFile(graph, scheme.Precision, scheme.Description, file, new FileInfo(package.PathOf(file)).Length, matMuls));
            }
        }
        var names = schemes.ToDictionary(s => s.Precision, s => s.Names);
        ManifestVariants.Write(package.Directory, written.SelectMany(v => names[v.Precision].Select(n => (v.Graph, n, v.File))));
        foreach (var scheme in schemes)
            CheckRuns(package.Directory, scheme.Precision);
        return written;
    }

    /// <summary><c>decoder.onnx</c> -> <c>decoder.int4.onnx</c>, <c>decoder.int4.acc0.onnx</c> for <c>int4:acc0</c>.</summary>
    public static string VariantName(string sourceFile, string precision) =>
        Path.ChangeExtension(sourceFile, null) + "." + precision.Replace(':', '.') + ".onnx";

    internal static IEnumerable<(string Graph, DecoderSpec Spec)> Graphs(ModelManifest m)
    {
        yield return ("decoder", m.Decoder);
        if (m.Drafter is { } drafter)
            yield return ("drafter", drafter);
    }

    /// <summary>Opens the package at <paramref name="precision"/> (every graph checked against the manifest) and
    /// runs one greedy step on blank camera images.</summary>
    private static void CheckRuns(string packageDirectory, string precision)
    {
        using var policy = VlaPolicy.Open(packageDirectory, new EngineOptions { Precision = precision });
        var image = policy.Package.Manifest.Image;
        var blank = image.Cameras.Select(_ => new RgbImage(image.Width, image.Height, new byte[image.Width * image.Height * 3])).ToArray();
        try
        {
            policy.Step(new Observation(blank, "pick up the red cube"));
        }
        catch (GraphRunException e)
        {
            throw new ModelPackageException(policy.Package.Directory, $"precision {precision}", $"a policy step failed: {e.Message}", e);
        }
    }
}
