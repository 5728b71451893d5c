using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Runtime;

/// <summary>embed.onnx: input_ids [1, n] -> inputs_embeds [1, n, hidden]; one IoBinding per n, made on first use.</summary>
public sealed class TokenEmbedder : IDisposable
{
    private readonly InferenceSession _session;
    private readonly EmbedSpec _spec;
    private readonly RunOptions _runOptions = new();
    private readonly NativeTensor<long> _ids;
    private readonly NativeTensor<float> _embeds;
    private readonly OrtIoBinding?[] _bindings;

    internal TokenEmbedder(InferenceSession session, EmbedSpec spec, int hiddenSize, int maxTokens)
    {
        _session = session;
        _spec = spec;
        HiddenSize = hiddenSize;
        _ids = new NativeTensor<long>(maxTokens, maxTokens, n => [1, n]);
        _embeds = new NativeTensor<float>(maxTokens * hiddenSize, maxTokens, n => [1, n, hiddenSize]);
        _bindings = new OrtIoBinding?[maxTokens + 1];
    }

    public int HiddenSize { get; }

    /// <summary>Embeds <paramref name="ids"/>; returns [ids.Length, hidden] (valid until the next call).</summary>
    public ReadOnlySpan<float> Run(ReadOnlySpan<int> ids)
    {
        var n = ids.Length;
        if (n < 1 || n >= _bindings.Length)
            throw new ArgumentOutOfRangeException(nameof(ids), $"{n} ids; 1 to {_bindings.Length - 1} fit");
        var buffer = _ids.Span;
        for (var i = 0; i < n; i++)
            buffer[i] = ids[i];
        var binding = _bindings[n];
        if (binding is null)
        {
            binding = _bindings[n] = _session.CreateIoBinding();
            binding.BindInput(_spec.Input, _ids.View(n));
            binding.BindOutput(_spec.Output, _embeds.View(n));
        }
        _session.RunBound(_runOptions, binding, _spec.File);
        return _embeds.Span[..(n * HiddenSize)];
    }

    internal static GraphContract Contract(string package, EmbedSpec spec, int hiddenSize) =>
        new GraphContract(package, spec.File)
            .Input(spec.Input, TensorElementType.Int64, null, null)
            .Output(spec.Output, TensorElementType.Float, null, null, hiddenSize);

    public void Dispose()
    {
        foreach (var binding in _bindings)
            binding?.Dispose();
        _ids.Dispose();
        _embeds.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
