namespace VlaRosNode.Policy.Retrieval;

/// <summary>HeiSD's retrieval key: the VLA's own visual tokens mean-pooled per camera, the cameras' vectors
/// concatenated, the whole L2-normalised (so cosine similarity is a dot product).</summary>
public static class VisualEmbedding
{
    public static int Dimension(int cameras, int hiddenSize) => cameras * hiddenSize;

    /// <summary>Pools <paramref name="visualTokens"/> [cameras x tokens_per_camera, hidden] into
    /// <paramref name="key"/> [cameras x hidden].</summary>
    public static void Pool(ReadOnlySpan<float> visualTokens, int cameras, Span<float> key)
    {
        var hidden = key.Length / cameras;
        if (cameras < 1 || hidden * cameras != key.Length || visualTokens.Length % key.Length != 0 || visualTokens.IsEmpty)
            throw new ArgumentException($"{visualTokens.Length} visual values do not pool into a key of {key.Length} over {cameras} cameras");
        var perCamera = visualTokens.Length / key.Length; // tokens per camera
        key.Clear();
        for (var c = 0; c < cameras; c++)
        {
            var pooled = key.Slice(c * hidden, hidden);
            var block = visualTokens.Slice(c * perCamera * hidden, perCamera * hidden);
            for (var t = 0; t < perCamera; t++)
                for (var h = 0; h < hidden; h++)
                    pooled[h] += block[t * hidden + h];
        }
        Normalize(key);
    }

    /// <summary>Scales <paramref name="vector"/> to unit length; a zero or non-finite vector has no direction.</summary>
    public static void Normalize(Span<float> vector)
    {
        var sum = 0.0;
        foreach (var v in vector)
            sum += (double)v * v;
        var norm = Math.Sqrt(sum);
        if (!(norm > 0) || !double.IsFinite(norm))
            throw new ArgumentException($"a key of norm {norm} has no direction");
        for (var i = 0; i < vector.Length; i++)
            vector[i] = (float)(vector[i] / norm);
    }
}
