namespace VlaRosNode.Policy.TokenCache;

/// <summary>
/// Which visual tokens of a step reuse their stored keys/values: a token is static when its cosine similarity with the
/// token those keys/values came from (its anchor) reaches the threshold and its camera is not forced to recompute; of
/// the static ones at most <c>maxReused</c>, the most similar, are reused. Comparing with the anchor rather than with
/// the previous frame keeps slow drift from accumulating: reused keys/values always belong to a token within the
/// threshold of the current one.
/// </summary>
internal sealed class ReuseSelection(int tokens, int tokensPerCamera, int hidden)
{
    private readonly int[] _candidates = new int[tokens];
    private readonly float[] _keys = new float[tokens];
    private readonly bool[] _reused = new bool[tokens];

    /// <summary>Token indices, the reused ones first (ascending), then the recomputed ones (ascending).</summary>
    public int[] Order { get; } = new int[tokens];

    /// <summary>How many of <see cref="Order"/>'s first entries are reused.</summary>
    public int ReusedCount { get; private set; }

    /// <summary>Selects from <paramref name="current"/> and <paramref name="anchors"/> ([tokens, hidden] each); when
    /// <paramref name="handMoved"/>, every token of a camera c with <paramref name="movingCameras"/>[c] is recomputed.</summary>
    public void Select(ReadOnlySpan<float> current, ReadOnlySpan<float> anchors, ReadOnlySpan<bool> movingCameras, bool handMoved, double threshold, int maxReused)
    {
        var count = 0;
        for (var i = 0; i < tokens; i++)
        {
            if (handMoved && movingCameras[i / tokensPerCamera])
                continue;
            var similarity = Cosine(current.Slice(i * hidden, hidden), anchors.Slice(i * hidden, hidden));
            if (similarity >= threshold)
            {
                _candidates[count] = i;
                _keys[count++] = -similarity; // ascending sort = most similar first
            }
        }
        if (count > maxReused)
        {
            Array.Sort(_keys, _candidates, 0, count); // not stable: ties keep an arbitrary but deterministic order
            count = maxReused;
        }
        Array.Clear(_reused);
        for (var k = 0; k < count; k++)
            _reused[_candidates[k]] = true;
        ReusedCount = count;
        int next = 0, later = count;
        for (var i = 0; i < tokens; i++)
            Order[_reused[i] ? next++ : later++] = i;
    }

    /// <summary>Every token recomputed, in order.</summary>
    public void SelectNone()
    {
        for (var i = 0; i < tokens; i++)
            Order[i] = i;
        ReusedCount = 0;
    }

    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }
        return aa > 0 && bb > 0 ? (float)(dot / Math.Sqrt(aa * bb)) : (aa == bb ? 1 : 0);
    }
}
