using Microsoft.ML.OnnxRuntime;
using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Runtime;

/// <summary>
/// One target pass over several candidate continuations of the decoder's current cache: the cache is copied
/// once per candidate into a batch, so each candidate sees the same prefix and none sees another (HeiSD's
/// K retrieved drafts verified together). The decoder's own cache is left as it was. Native buffers sized for the
/// largest batch and length seen, and one IoBinding per shape, so steady-state steps allocate nothing.
/// </summary>
public sealed class BatchVerifier(KvCacheDecoder decoder) : IDisposable
{
    private readonly RunOptions _runOptions = new();
    private readonly Dictionary<(InferenceSession Session, int Batch, int Past, int Count), OrtIoBinding> _bindings = [];
    private Buffers? _buffers;

    /// <summary>The embeddings of <paramref name="batch"/> candidates of <paramref name="count"/> tokens each,
    /// [batch, count, hidden], to fill before <see cref="Run"/>.</summary>
    public Span<float> Input(int batch, int count)
    {
        var buffers = Reserve(batch, count);
        return buffers.Embeds.Span[..(batch * count * decoder.Spec.HiddenSize)];
    }

    /// <summary>Runs the candidates written to <see cref="Input"/>; returns their logits [batch, count, vocab], valid
    /// until the next call.</summary>
    public ReadOnlySpan<float> Run(int batch, int count)
    {
        var buffers = Reserve(batch, count);
        var spec = decoder.Spec;
        var cache = spec.Cache;
        var past = decoder.Length;
        for (var layer = 0; layer < cache.Layers; layer++)
            for (var kv = 0; kv < 2; kv++)
            {
                var source = decoder.Cache(layer, kv);
                var replicated = buffers.Past[layer, kv].Span;
                for (var b = 0; b < batch; b++)
                    source.CopyTo(replicated[(b * source.Length)..]);
            }
        var positions = buffers.Positions.Span;
        for (var i = 0; i < batch * count; i++)
            positions[i] = past + i % count;
        decoder.Session.RunBound(_runOptions, Binding(buffers, batch, past, count), decoder.File);
        decoder.CountPass();
        return buffers.Logits.Span[..(batch * count * spec.VocabSize)];
    }

    private Buffers Reserve(int batch, int count)
    {
        var length = decoder.Length + count;
        if (batch < 1 || count < 1)
            throw new ArgumentException($"{batch} candidates of {count} tokens");
        if (length > decoder.Capacity)
            throw new InvalidOperationException($"{count} tokens do not fit a cache of {decoder.Length}/{decoder.Capacity}");
        if (_buffers is { } fits && batch <= fits.MaxBatch && length <= fits.MaxLength)
            return fits;
        // A larger batch or prefix than before (rare: the first step, a longer instruction): grow, drop the old bindings.
        var grown = new Buffers(decoder.Spec, Math.Max(batch, _buffers?.MaxBatch ?? 0), Math.Max(length, _buffers?.MaxLength ?? 0));
        DisposeBuffers();
        return _buffers = grown;
    }

    private OrtIoBinding Binding(Buffers buffers, int batch, int past, int count)
    {
        var key = (decoder.Session, batch, past, count);
        if (_bindings.TryGetValue(key, out var binding))
            return binding;
        var spec = decoder.Spec;
        binding = decoder.Session.CreateIoBinding();
        binding.BindInput(spec.InputsEmbeds, buffers.Embeds.View(buffers.Key(batch, count)));
        binding.BindInput(spec.AttentionMask, buffers.Mask.View(buffers.Key(batch, past + count)));
        binding.BindInput(spec.PositionIds, buffers.Positions.View(buffers.Key(batch, count)));
        binding.BindOutput(spec.Logits, buffers.Logits.View(buffers.Key(batch, count)));
        for (var layer = 0; layer < spec.Cache.Layers; layer++)
        {
            binding.BindInput(DecoderSpec.LayerName(spec.PastKey, layer), buffers.Past[layer, 0].View(buffers.Key(batch, past)));
            binding.BindInput(DecoderSpec.LayerName(spec.PastValue, layer), buffers.Past[layer, 1].View(buffers.Key(batch, past)));
            binding.BindOutput(DecoderSpec.LayerName(spec.PresentKey, layer), buffers.Present[layer, 0].View(buffers.Key(batch, past + count)));
            binding.BindOutput(DecoderSpec.LayerName(spec.PresentValue, layer), buffers.Present[layer, 1].View(buffers.Key(batch, past + count)));
        }
        _bindings[key] = binding;
        return binding;
    }

    private void DisposeBuffers()
    {
        foreach (var binding in _bindings.Values)
            binding.Dispose();
        _bindings.Clear();
        _buffers?.Dispose();
        _buffers = null;
    }

    public void Dispose()
    {
        DisposeBuffers();
        _runOptions.Dispose();
    }

    /// <summary>The batch's tensors for up to <see cref="MaxBatch"/> candidates and <see cref="MaxLength"/> cache
    /// entries; a view's key packs (batch, tokens), tokens being the count, past or total length of that tensor.</summary>
    private sealed class Buffers : IDisposable
    {
        public Buffers(DecoderSpec spec, int maxBatch, int maxLength)
        {
            MaxBatch = maxBatch;
            MaxLength = maxLength;
            var c = spec.Cache;
            var keys = Key(maxBatch, maxLength);
            Embeds = new NativeTensor<float>(maxBatch * maxLength * spec.HiddenSize, keys, k => [BatchOf(k), TokensOf(k), spec.HiddenSize]);
            Mask = new NativeTensor<long>(maxBatch * maxLength, keys, k => [BatchOf(k), TokensOf(k)]);
            Mask.Span.Fill(1); // every candidate sees the whole prefix and its own tokens
            Positions = new NativeTensor<long>(maxBatch * maxLength, keys, k => [BatchOf(k), TokensOf(k)]);
            Logits = new NativeTensor<float>(maxBatch * maxLength * spec.VocabSize, keys, k => [BatchOf(k), TokensOf(k), spec.VocabSize]);
            Past = new NativeTensor<float>[c.Layers, 2];
            Present = new NativeTensor<float>[c.Layers, 2];
            for (var layer = 0; layer < c.Layers; layer++)
                for (var kv = 0; kv < 2; kv++)
                {
                    Past[layer, kv] = new NativeTensor<float>(maxBatch * c.Heads * maxLength * c.HeadDim, keys, k => [BatchOf(k), c.Heads, TokensOf(k), c.HeadDim]);
                    Present[layer, kv] = new NativeTensor<float>(maxBatch * c.Heads * maxLength * c.HeadDim, keys, k => [BatchOf(k), c.Heads, TokensOf(k), c.HeadDim]);
                }
        }

        public int MaxBatch { get; }
        public int MaxLength { get; }
        public NativeTensor<float> Embeds { get; }
        public NativeTensor<long> Mask { get; }
        public NativeTensor<long> Positions { get; }
        public NativeTensor<float> Logits { get; }
        public NativeTensor<float>[,] Past { get; }
        public NativeTensor<float>[,] Present { get; }

        public int Key(int batch, int tokens) => batch * (MaxLength + 1) + tokens;
        private int BatchOf(int key) => key / (MaxLength + 1);
        private int TokensOf(int key) => key % (MaxLength + 1);

        public void Dispose()
        {
            Embeds.Dispose();
            Mask.Dispose();
            Positions.Dispose();
            Logits.Dispose();
            foreach (var tensor in Past)
                tensor.Dispose();
            foreach (var tensor in Present)
                tensor.Dispose();
        }
    }
}
