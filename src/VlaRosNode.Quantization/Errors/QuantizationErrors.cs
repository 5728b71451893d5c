using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Quantization.Onnx;
using VlaRosNode.Quantization.Package;

namespace VlaRosNode.Quantization.Errors;

/// <summary>
/// Measures every precision variant named in a package's manifest against its fp32 graph on recorded observations:
/// both graphs run the same sequences with every quantised MatMul's output probed (the variants keep the MatMul
/// output names), see <see cref="VariantErrors"/>.
/// </summary>
public static class QuantizationErrors
{
    public static IReadOnlyList<VariantErrors> Measure(string packageDirectory, IReadOnlyList<Observation> observations)
    {
        using var fp32 = VlaPolicy.Open(packageDirectory, new EngineOptions { LoadDrafter = false });
        var sequences = RecordedSequences.Record(fp32, observations);
        var package = fp32.Package;
        var results = new List<VariantErrors>();
        foreach (var (graph, spec) in PackageQuantizer.Graphs(package.Manifest))
        {
            var sourceFile = spec.Files[PackageQuantizer.SourcePrecision];
            var source = OnnxModelFile.Load(package.PathOf(sourceFile));
            var matMuls = MatMulRewriter.Candidates(source);
            var probed = matMuls.Select(m => m.Output).ToArray();
            using var reference = new GraphProbe(source, sourceFile, spec, probed);
            var expected = sequences.Embeddings.Select(reference.Run).ToArray();
            // A file entered under several names (int4 and int4:acc4) is measured once, under its first.
            foreach (var (precision, file) in spec.Files.Where(f => f.Key != PackageQuantizer.SourcePrecision).DistinctBy(f => f.Value))
            {
                using var variant = new GraphProbe(OnnxModelFile.Load(package.PathOf(file)), file, spec, probed);
                results.Add(Compare(graph, precision, spec, matMuls, sequences, expected, sequences.Embeddings.Select(variant.Run).ToArray()));
            }
        }
        return results;
    }

    private static VariantErrors Compare(string graph, string precision, DecoderSpec spec, IReadOnlyList<QuantizedMatMul> matMuls,
        RecordedSequences sequences, Dictionary<string, float[]>[] expected, Dictionary<string, float[]>[] actual)
    {
        var layers = matMuls.Select(_ => new ErrorSum()).ToArray();
        var logits = new ErrorSum();
        var agreed = 0;
        var vocab = spec.VocabSize;
        for (var s = 0; s < expected.Length; s++)
        {
            for (var m = 0; m < matMuls.Count; m++)
                layers[m].Add(actual[s][matMuls[m].Output], expected[s][matMuls[m].Output]);
            var rows = sequences.ActionRows * vocab;
            var e = expected[s][spec.Logits].AsSpan()[^rows..];
            var a = actual[s][spec.Logits].AsSpan()[^rows..];
            logits.Add(a, e);
            for (var r = 0; r < sequences.ActionRows; r++)
                if (DecodingContext.ArgMax(a.Slice(r * vocab, vocab)) == DecodingContext.ArgMax(e.Slice(r * vocab, vocab)))
                    agreed++;
        }
        return new VariantErrors(graph, precision,
            matMuls.Select((m, i) => new LayerError(m.Node, m.K, m.N, layers[i].Relative)).ToArray(),
            logits.Relative, logits.MaxAbsolute, agreed, expected.Length * sequences.ActionRows);
    }
}
