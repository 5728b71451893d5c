using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Policy.TokenCache;

/// <summary>
/// Visual token caching across control steps (VLA-Cache; VLN-Cache's camera-motion gate, with the camera's motion from
/// the end-effector poses in the observation). The vision encoder still runs every step; per decoder, visual tokens
/// that are static since their keys/values were computed reuse them, and the prefill runs only the rest:
/// <code>past = [bos][reused tokens' K/V]   input = [recomputed visual tokens at their own positions][prompt]</code>
/// The decoder has learned absolute positions added at its input and no relative position encoding, so a token's
/// place in the cache matters only through the causal mask: the prompt and action tokens still see every visual token,
/// while a recomputed visual token also sees reused tokens that come after it in the sequence (VLA-Cache's
/// approximation, as are reused keys/values whose context was an older frame; <see cref="TokenCacheOptions.RefreshEvery"/>
/// bounds that drift). After a prefill of L tokens the cache holds L entries, so decoding, verification and rollback
/// work on it unchanged, for every strategy. A decoder's first prefill of a step decides what it reuses; another
/// prefill in the same step repeats that decision, so it computes exactly what the first did.
/// </summary>
public sealed class VisualTokenCache
{
    private readonly VisionEncoder _vision;
    private readonly int _tokensPerCamera;
    private readonly bool[] _moving;
    private readonly int _maxReused;
    private readonly Dictionary<KvCacheDecoder, VisualKvStore> _stores = [];
    private long _frame;
    private Pose3d? _pose;

    /// <summary>A cache for <paramref name="policy"/>'s model (set it as <see cref="VlaPolicy.TokenCache"/>); each cache
    /// keeps its own stored keys/values, so modes that take turns on one policy each keep theirs.</summary>
    /// <exception cref="ArgumentException">A bad setting, or a moving camera the model does not have.</exception>
    public VisualTokenCache(TokenCacheOptions options, VlaPolicy policy)
    {
        options.Validate();
        var model = policy.Model;
        var cameras = policy.Package.Manifest.Image.Cameras;
        if (options.MovingCameras.FirstOrDefault(c => !cameras.Contains(c)) is { } unknown)
            throw new ArgumentException($"token cache moving camera '{unknown}' is not a camera of the model (it has: {string.Join(", ", cameras)})");
        Options = options;
        Model = model;
        _vision = model.Vision;
        _tokensPerCamera = _vision.TokenCount / _vision.Cameras;
        _moving = cameras.Select(options.MovingCameras.Contains).ToArray();
        _maxReused = (int)Math.Floor(options.MaxReusedShare * _vision.TokenCount);
    }

    public TokenCacheOptions Options { get; }

    /// <summary>The model whose decoders it stores keys/values of.</summary>
    public LoadedModel Model { get; }

    /// <summary>A new scene: nothing stored is reused.</summary>
    public void BeginEpisode()
    {
        foreach (var store in _stores.Values)
            store.Valid = false;
    }

    /// <summary>A new frame: its end-effector pose (null without kinematics) for the moving cameras' gate.</summary>
    public void BeginStep(Observation observation)
    {
        _frame++;
        var history = observation.Kinematics?.EndEffector;
        _pose = history is { Count: > 0 } ? history.Latest(1).Pose(0) : null;
    }

    /// <summary>Visual tokens the decoder's prefill in this step reused and recomputed ((0, 0) when it ran none).</summary>
    public (int Reused, int Recomputed) Counts(KvCacheDecoder decoder) =>
        _stores.TryGetValue(decoder, out var store) && store.PlanFrame == _frame
            ? (store.Selection.ReusedCount, _vision.TokenCount - store.Selection.ReusedCount)
            : (0, 0);

    /// <summary>Prepares <paramref name="decoder"/>'s prefill of <paramref name="prefix"/> ([bos][visual][prompt],
    /// <paramref name="prefixLength"/> rows) followed by <paramref name="extra"/> tokens: loads the reused keys/values
    /// as its past, writes the prefix rows to run into its input and every row's position; returns how many prefix
    /// rows run (the caller writes the extra tokens' embeddings after them).</summary>
    internal int BeginPrefill(KvCacheDecoder decoder, ReadOnlySpan<float> prefix, int prefixLength, int extra)
    {
        var store = Store(decoder);
        if (store.PlanFrame != _frame)
            Plan(store, decoder);
        var selection = store.Selection;
        var order = selection.Order;
        var width = decoder.HiddenSize;
        if (selection.ReusedCount == 0)
            decoder.Reset();
        else
            store.LoadPast(decoder);
        var rows = prefixLength - decoder.Length;
        var input = decoder.Input(rows + extra);
        var positions = decoder.Positions(rows + extra);
        var row = 0;
        if (selection.ReusedCount == 0)
            Row(prefix, 0, input, positions, ref row, width);
        for (var j = selection.ReusedCount; j < order.Length; j++)
            Row(prefix, 1 + order[j], input, positions, ref row, width);
        for (var p = 1 + order.Length; p < prefixLength; p++)
            Row(prefix, p, input, positions, ref row, width);
        for (var i = 0; i < extra; i++)
            positions[row + i] = prefixLength + i;
        return rows;
    }

    /// <summary>Stores what the prefill just computed for the next steps.</summary>
    internal void EndPrefill(KvCacheDecoder decoder) => _stores[decoder].Capture(decoder, _vision.Tokens);

    private static void Row(ReadOnlySpan<float> prefix, int position, Span<float> input, Span<long> positions, ref int row, int width)
    {
        prefix.Slice(position * width, width).CopyTo(input[(row * width)..]);
        positions[row++] = position;
    }

    private VisualKvStore Store(KvCacheDecoder decoder)
    {
        if (!_stores.TryGetValue(decoder, out var store))
            _stores[decoder] = store = new VisualKvStore(decoder, _vision.TokenCount, _vision.HiddenSize, _tokensPerCamera);
        return store;
    }

    /// <summary>The step's decision for one decoder: everything recomputed on the first step of an episode, after a
    /// precision switch (other weights made the stored keys/values) and every <see cref="TokenCacheOptions.RefreshEvery"/>
    /// steps; otherwise the static tokens of cameras that did not move.</summary>
    private void Plan(VisualKvStore store, KvCacheDecoder decoder)
    {
        var full = !store.Valid || store.Precision != decoder.Precision || _frame - store.FullFrame >= Options.RefreshEvery;
        if (full)
            store.Selection.SelectNone();
        else
            store.Selection.Select(_vision.Tokens, store.Anchors, _moving, Moved(store.Pose, _pose), Options.Threshold, _maxReused);
        if (store.Selection.ReusedCount == 0)
            store.FullFrame = _frame;
        store.PlanFrame = _frame;
        store.Precision = decoder.Precision;
        store.Pose = _pose;
    }

    /// <summary>Whether the hand moved beyond the limits between two prefills; unknown motion counts as moved.</summary>
    private bool Moved(Pose3d? before, Pose3d? now) =>
        before is not { } a || now is not { } b
        || (b.Position - a.Position).Length > Options.MaxTranslation
        || a.Rotation.AngleTo(b.Rotation) > Options.MaxRotation;
}
