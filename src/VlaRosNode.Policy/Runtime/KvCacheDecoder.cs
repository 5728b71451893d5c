using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Runtime;

/// <summary>
/// A decoder graph (target or drafter) with its KV cache. One call appends <c>n</c> tokens: n = prefix length
/// (prefill), 1 (decode) or k (verify). The cache lives in two native buffer sets used ping-pong (past is read
/// from one, present written to the other); each (side, past, n) gets one IoBinding over preallocated tensor
/// views, made on first use, so steady-state steps allocate no managed memory. It may hold one session per precision
/// (DyQ): they share the cache contract and these buffers, so switching <see cref="Precision"/> between passes keeps
/// the cache; each session has its own bindings over the same buffers.
/// </summary>
public sealed class KvCacheDecoder : IDisposable
{
    private readonly InferenceSession[] _sessions;
    private readonly string[] _precisions;
    private readonly string[] _files;
    private readonly DecoderSpec _spec;
    private readonly RunOptions _runOptions = new();
    private readonly NativeTensor<float> _embeds;
    private readonly NativeTensor<long> _mask;
    private readonly NativeTensor<long> _positions;
    private readonly NativeTensor<float> _logits;
    private readonly NativeTensor<float>[,,] _cache; // [side, layer, key=0 / value=1], shape [1, heads, t, head_dim]
    private readonly Dictionary<int, OrtIoBinding> _bindings = [];
    private int _side;
    private int _active;

    internal KvCacheDecoder(IReadOnlyList<(string Precision, InferenceSession Session)> sessions, DecoderSpec spec)
    {
        _sessions = sessions.Select(s => s.Session).ToArray();
        _precisions = sessions.Select(s => s.Precision).ToArray();
        _files = sessions.Select(s => spec.Files[s.Precision]).ToArray();
        _spec = spec;
        var c = spec.Cache;
        var max = c.MaxLength;
        _embeds = new NativeTensor<float>(max * spec.HiddenSize, max, n => [1, n, spec.HiddenSize]);
        _mask = new NativeTensor<long>(max, max, n => [1, n]);
        _mask.Span.Fill(1);
        _positions = new NativeTensor<long>(max, max, n => [1, n]);
        _logits = new NativeTensor<float>(max * spec.VocabSize, max, n => [1, n, spec.VocabSize]);
        _cache = new NativeTensor<float>[2, c.Layers, 2];
        for (var side = 0; side < 2; side++)
            for (var layer = 0; layer < c.Layers; layer++)
                for (var kv = 0; kv < 2; kv++)
                    _cache[side, layer, kv] = new NativeTensor<float>(c.Heads * max * c.HeadDim, max, t => [1, c.Heads, t, c.HeadDim]);
    }

    /// <summary>The precisions this decoder holds a session for.</summary>
    public IReadOnlyList<string> Precisions => _precisions;

    /// <summary>The precision the next pass runs at; setting it between passes keeps the cache.</summary>
    public string Precision
    {
        get => _precisions[_active];
        set
        {
            var index = Array.IndexOf(_precisions, value);
            _active = index >= 0 ? index
                : throw new ArgumentException($"precision '{value}' is not loaded (loaded: {string.Join(", ", _precisions)})");
        }
    }

    /// <summary>Tokens in the cache.</summary>
    public int Length { get; private set; }

    public int Capacity => _spec.Cache.MaxLength;
    public int HiddenSize => _spec.HiddenSize;
    public int VocabularySize => _spec.VocabSize;

    /// <summary>Graph passes run since creation (one per <see cref="Forward"/>).</summary>
    public long Passes { get; private set; }

    /// <summary>The embeddings of the next <paramref name="count"/> tokens, [count, hidden], to fill before <see cref="Forward"/>.</summary>
    public Span<float> Input(int count)
    {
        CheckRoom(count);
        return _embeds.Span[..(count * _spec.HiddenSize)];
    }

    /// <summary>Runs the graph on the <paramref name="count"/> tokens written to <see cref="Input"/> at positions
    /// Length..Length+count-1 and appends them to the cache; returns their logits [count, vocab].</summary>
    public ReadOnlySpan<float> Forward(int count)
    {
        CheckRoom(count);
        var positions = _positions.Span;
        for (var i = 0; i < count; i++)
            positions[i] = Length + i;
        return Run(count);
    }

    /// <summary>The position ids of the next <see cref="ForwardAtPositions"/>, [count].</summary>
    internal Span<long> Positions(int count)
    {
        CheckRoom(count);
        return _positions.Span[..count];
    }

    /// <summary><see cref="Forward"/> with the positions the caller wrote to <see cref="Positions"/> (the token cache
    /// runs recomputed visual tokens at their own positions after reused ones).</summary>
    internal ReadOnlySpan<float> ForwardAtPositions(int count)
    {
        CheckRoom(count);
        return Run(count);
    }

    private ReadOnlySpan<float> Run(int count)
    {
        var past = Length;
        Session.RunBound(_runOptions, Binding(_side, past, count), File);
        _side = 1 - _side;
        Length = past + count;
        Passes++;
        return _logits.Span[..(count * _spec.VocabSize)];
    }

    /// <summary>Drops every token after the first <paramref name="length"/> (rejected draft tokens): per layer and
    /// head, the kept rows move down to the layout of the shorter cache.</summary>
    public void Rollback(int length)
    {
        if (length < 0 || length > Length)
            throw new ArgumentOutOfRangeException(nameof(length), $"cannot roll back a cache of {Length} tokens to {length}");
        if (length == Length)
            return;
        var c = _spec.Cache;
        var oldRows = Length * c.HeadDim;
        var newRows = length * c.HeadDim;
        for (var layer = 0; layer < c.Layers; layer++)
            for (var kv = 0; kv < 2; kv++)
            {
                var data = _cache[_side, layer, kv].Span;
                for (var head = 1; head < c.Heads; head++)
                    data.Slice(head * oldRows, newRows).CopyTo(data.Slice(head * newRows)); // moves down: overlap-safe
            }
        Length = length;
    }

    public void Reset() => Length = 0;

    /// <summary>Sets the cache to <paramref name="length"/> tokens whose keys/values the caller writes through
    /// <see cref="Cache"/> (the token cache loading reused ones).</summary>
    internal void SetLength(int length)
    {
        if (length < 0 || length > Capacity)
            throw new ArgumentOutOfRangeException(nameof(length), $"a cache of {length} tokens does not fit {Capacity}");
        Length = length;
    }

    /// <summary>The session of the active precision.</summary>
    internal InferenceSession Session => _sessions[_active];

    /// <summary>The file of the session the next pass runs.</summary>
    internal string File => _files[_active];

    /// <summary>Counts a pass run outside <see cref="Forward"/> (a batched verification over this cache).</summary>
    internal void CountPass() => Passes++;
    internal DecoderSpec Spec => _spec;

    /// <summary>The cache of one layer's keys (<paramref name="kv"/> = 0) or values (1), [heads, Length, head_dim].</summary>
    internal Span<float> Cache(int layer, int kv) =>
        _cache[_side, layer, kv].Span[..(_spec.Cache.Heads * Length * _spec.Cache.HeadDim)];

    private void CheckRoom(int count)
    {
        if (count < 1 || Length + count > Capacity)
            throw new InvalidOperationException($"{count} tokens do not fit a cache of {Length}/{Capacity}");
    }

    private OrtIoBinding Binding(int side, int past, int count)
    {
        var key = ((_active * 2 + side) * (Capacity + 1) + past) * (Capacity + 1) + count;
        if (_bindings.TryGetValue(key, out var binding))
            return binding;
        binding = Session.CreateIoBinding();
        binding.BindInput(_spec.InputsEmbeds, _embeds.View(count));
        binding.BindInput(_spec.AttentionMask, _mask.View(past + count));
        binding.BindInput(_spec.PositionIds, _positions.View(count));
        binding.BindOutput(_spec.Logits, _logits.View(count));
        for (var layer = 0; layer < _spec.Cache.Layers; layer++)
        {
            binding.BindInput(DecoderSpec.LayerName(_spec.PastKey, layer), _cache[side, layer, 0].View(past));
            binding.BindInput(DecoderSpec.LayerName(_spec.PastValue, layer), _cache[side, layer, 1].View(past));
            binding.BindOutput(DecoderSpec.LayerName(_spec.PresentKey, layer), _cache[1 - side, layer, 0].View(past + count));
            binding.BindOutput(DecoderSpec.LayerName(_spec.PresentValue, layer), _cache[1 - side, layer, 1].View(past + count));
        }
        _bindings[key] = binding;
        return binding;
    }

    internal static GraphContract Contract(string package, string file, DecoderSpec spec)
    {
        var c = spec.Cache;
        var contract = new GraphContract(package, file)
            .Input(spec.InputsEmbeds, TensorElementType.Float, null, null, spec.HiddenSize)
            .Input(spec.AttentionMask, TensorElementType.Int64, null, null)
            .Input(spec.PositionIds, TensorElementType.Int64, null, null)
            .Output(spec.Logits, TensorElementType.Float, null, null, spec.VocabSize);
        for (var layer = 0; layer < c.Layers; layer++)
        {
            contract.Input(DecoderSpec.LayerName(spec.PastKey, layer), TensorElementType.Float, null, c.Heads, null, c.HeadDim)
                .Input(DecoderSpec.LayerName(spec.PastValue, layer), TensorElementType.Float, null, c.Heads, null, c.HeadDim)
                .Output(DecoderSpec.LayerName(spec.PresentKey, layer), TensorElementType.Float, null, c.Heads, null, c.HeadDim)
                .Output(DecoderSpec.LayerName(spec.PresentValue, layer), TensorElementType.Float, null, c.Heads, null, c.HeadDim);
        }
        return contract;
    }

    public void Dispose()
    {
        foreach (var binding in _bindings.Values)
            binding.Dispose();
        _bindings.Clear();
        foreach (var tensor in _cache)
            tensor.Dispose();
        _embeds.Dispose();
        _mask.Dispose();
        _positions.Dispose();
        _logits.Dispose();
        _runOptions.Dispose();
        foreach (var session in _sessions)
            session.Dispose();
    }
}
