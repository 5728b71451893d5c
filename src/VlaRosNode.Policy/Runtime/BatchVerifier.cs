using Microsoft.ML.OnnxRuntime;
using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Runtime;

/// <summary>
/// One target pass over several candidate continuations of the decoder's current cache: the cache is copied
/// once per candidate into a batch, so each candidate sees the same prefix and none sees another (HeiSD's
/// K retrieved drafts verified together). The decoder's own cache is left as it was. Allocates per call:
/// it runs at most once per control step.
/// </summary>
public sealed class BatchVerifier(KvCacheDecoder decoder) : IDisposable
{
    private readonly RunOptions _runOptions = new();

    /// <summary>Runs <paramref name="batch"/> candidates of <paramref name="count"/> tokens each, embeddings
    /// [batch, count, hidden] (the input tensor is made over the array, not a copy); returns their logits [batch, count, vocab].</summary>
    public float[] Run(float[] embeddings, int batch, int count)
    {
        var spec = decoder.Spec;
        var cache = spec.Cache;
        var past = decoder.Length;
        if (batch < 1 || count < 1 || embeddings.Length != batch * count * spec.HiddenSize)
            throw new ArgumentException($"{embeddings.Length} embedding values for {batch} candidates of {count} tokens of width {spec.HiddenSize}");
        if (past + count > decoder.Capacity)
            throw new InvalidOperationException($"{count} tokens do not fit a cache of {past}/{decoder.Capacity}");

        var names = new List<string>();
        var values = new List<OrtValue>();
        try
        {
            Add(spec.InputsEmbeds, OrtValue.CreateTensorValueFromMemory(embeddings, [batch, count, spec.HiddenSize]));
            Add(spec.AttentionMask, OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, batch * (past + count)).ToArray(), [batch, past + count]));
            var positions = new long[batch * count];
            for (var i = 0; i < positions.Length; i++)
                positions[i] = past + i % count;
            Add(spec.PositionIds, OrtValue.CreateTensorValueFromMemory(positions, [batch, count]));
            for (var layer = 0; layer < cache.Layers; layer++)
            {
                Add(DecoderSpec.LayerName(spec.PastKey, layer), Replicated(decoder.Cache(layer, 0), batch, cache, past));
                Add(DecoderSpec.LayerName(spec.PastValue, layer), Replicated(decoder.Cache(layer, 1), batch, cache, past));
            }
            using var outputs = decoder.Session.Run(_runOptions, names, values, [spec.Logits]);
            decoder.CountPass();
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var value in values)
                value.Dispose();
        }

        void Add(string name, OrtValue value)
        {
            names.Add(name);
            values.Add(value);
        }
    }

    private static OrtValue Replicated(ReadOnlySpan<float> layer, int batch, CacheSpec cache, int past)
    {
        var data = new float[batch * layer.Length];
        for (var b = 0; b < batch; b++)
            layer.CopyTo(data.AsSpan(b * layer.Length));
        return OrtValue.CreateTensorValueFromMemory(data, [batch, cache.Heads, past, cache.HeadDim]);
    }

    public void Dispose() => _runOptions.Dispose();
}
