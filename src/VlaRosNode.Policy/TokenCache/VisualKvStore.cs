using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Policy.TokenCache;

/// <summary>
/// One decoder's keys/values of [bos] and of every visual token, by token (not by cache row), with the visual tokens
/// they were computed from (the anchors) and what the next step's reuse decision needs: when the last full prefill
/// was, at which precision, and the end-effector pose of the last prefill.
/// </summary>
internal sealed class VisualKvStore
{
    private readonly int _layers, _heads, _headDim, _rows, _hidden;
    private readonly float[] _kv;      // [layer, key/value, head, 1 + tokens, head_dim]; row 0 = bos
    private readonly float[] _anchors; // [tokens, hidden]

    public VisualKvStore(KvCacheDecoder decoder, int tokens, int hidden, int tokensPerCamera)
    {
        var cache = decoder.Spec.Cache;
        (_layers, _heads, _headDim, _rows, _hidden) = (cache.Layers, cache.Heads, cache.HeadDim, 1 + tokens, hidden);
        _kv = new float[_layers * 2 * _heads * _rows * _headDim];
        _anchors = new float[tokens * hidden];
        Selection = new ReuseSelection(tokens, tokensPerCamera, hidden);
    }

    /// <summary>Whether the store holds a prefill's keys/values (false at the start of an episode).</summary>
    public bool Valid { get; set; }
    public long FullFrame { get; set; }
    public long PlanFrame { get; set; } = -1;
    public string Precision { get; set; } = "";
    public Pose3d? Pose { get; set; }
    public ReuseSelection Selection { get; }
    public ReadOnlySpan<float> Anchors => _anchors;

    /// <summary>Makes <paramref name="decoder"/>'s cache [bos][reused tokens' keys/values in <see cref="Selection"/>'s
    /// order]: the past its prefill then extends.</summary>
    public void LoadPast(KvCacheDecoder decoder)
    {
        var reused = Selection.ReusedCount;
        var order = Selection.Order;
        var length = 1 + reused;
        decoder.SetLength(length);
        for (var layer = 0; layer < _layers; layer++)
            for (var kv = 0; kv < 2; kv++)
            {
                var cache = decoder.Cache(layer, kv);
                for (var head = 0; head < _heads; head++)
                {
                    var source = Block(layer, kv, head);
                    var target = cache.Slice(head * length * _headDim, length * _headDim);
                    source[.._headDim].CopyTo(target);
                    for (var j = 0; j < reused; j++)
                        source.Slice((1 + order[j]) * _headDim, _headDim).CopyTo(target[((1 + j) * _headDim)..]);
                }
            }
    }

    /// <summary>After the prefill: takes [bos] and the recomputed tokens' keys/values from <paramref name="decoder"/>'s
    /// cache (row 1 + j holds token Order[j]) and their visual tokens from <paramref name="visual"/> as anchors.</summary>
    public void Capture(KvCacheDecoder decoder, ReadOnlySpan<float> visual)
    {
        var order = Selection.Order;
        var reused = Selection.ReusedCount;
        var length = decoder.Length;
        for (var layer = 0; layer < _layers; layer++)
            for (var kv = 0; kv < 2; kv++)
            {
                var cache = decoder.Cache(layer, kv);
                for (var head = 0; head < _heads; head++)
                {
                    var source = cache.Slice(head * length * _headDim, length * _headDim);
                    var target = Block(layer, kv, head);
                    source[.._headDim].CopyTo(target);
                    for (var j = reused; j < order.Length; j++)
                        source.Slice((1 + j) * _headDim, _headDim).CopyTo(target[((1 + order[j]) * _headDim)..]);
                }
            }
        for (var j = reused; j < order.Length; j++)
            visual.Slice(order[j] * _hidden, _hidden).CopyTo(_anchors.AsSpan(order[j] * _hidden));
        Valid = true;
    }

    private Span<float> Block(int layer, int kv, int head) =>
        _kv.AsSpan(((layer * 2 + kv) * _heads + head) * _rows * _headDim, _rows * _headDim);
}
