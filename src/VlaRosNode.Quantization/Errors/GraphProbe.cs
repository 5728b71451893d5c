using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using VlaRosNode.Policy.Package;
using VlaRosNode.Quantization.Onnx;

namespace VlaRosNode.Quantization.Errors;

/// <summary>
/// A decoder graph opened with chosen intermediate tensors (MatMul outputs) added as graph outputs, run on a whole
/// sequence of embeddings from an empty cache: one pass returns the logits and every probed tensor.
/// </summary>
internal sealed class GraphProbe : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly DecoderSpec _spec;
    private readonly string[] _outputs;

    public GraphProbe(ModelProto model, string file, DecoderSpec spec, IReadOnlyList<string> probed)
    {
        var copy = model.Clone();
        var existing = copy.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in probed.Where(n => !existing.Contains(n)))
            copy.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = Initializers.Float } },
            });
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1 };
            _session = new InferenceSession(copy.ToByteArray(), options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxModelException(file, "ONNX Runtime cannot load it: " + e.Message, e);
        }
        _spec = spec;
        _outputs = [spec.Logits, .. probed.Where(n => n != spec.Logits)];
    }

    /// <summary>Runs <paramref name="embeddings"/> [n, hidden] at positions 0..n-1; returns logits [n, vocab] under
    /// <see cref="DecoderSpec.Logits"/> and each probed tensor, flattened.</summary>
    public Dictionary<string, float[]> Run(float[] embeddings)
    {
        var n = embeddings.Length / _spec.HiddenSize;
        var c = _spec.Cache;
        var names = new List<string> { _spec.InputsEmbeds, _spec.AttentionMask, _spec.PositionIds };
        var values = new List<OrtValue>
        {
            OrtValue.CreateTensorValueFromMemory(embeddings, [1, n, _spec.HiddenSize]),
            OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, n).ToArray(), [1, n]),
            OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, n).Select(i => (long)i).ToArray(), [1, n]),
        };
        for (var layer = 0; layer < c.Layers; layer++)
            foreach (var template in new[] { _spec.PastKey, _spec.PastValue })
            {
                names.Add(DecoderSpec.LayerName(template, layer));
                values.Add(OrtValue.CreateTensorValueFromMemory(Array.Empty<float>(), [1, c.Heads, 0, c.HeadDim]));
            }
        try
        {
            using var results = _session.Run(_runOptions, names, values, _outputs);
            return _outputs.Zip(results).ToDictionary(p => p.First, p => p.Second.GetTensorDataAsSpan<float>().ToArray(), StringComparer.Ordinal);
        }
        finally
        {
            foreach (var value in values)
                value.Dispose();
        }
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
