namespace VlaRosNode.Policy.Actions;

/// <summary>
/// OpenVLA's action tokenisation: <c>bins</c> uniform edges on [-1, 1] (numpy's linspace), bin centres between
/// them, and ids counted from the end of the vocabulary: token = vocab - digitize(clip(a, -1, 1), edges);
/// decoding takes centres[clip(vocab - token - 1, 0, bins - 2)] and un-normalises masked dimensions with
/// a = 0.5 (n + 1)(q99 - q01) + q01.
/// </summary>
public sealed class ActionTokenizer
{
    private readonly double[] _edges;
    private readonly double[] _centres;

    public ActionTokenizer(int vocabularySize, int bins = 256)
    {
        if (bins < 2 || bins > vocabularySize)
            throw new ArgumentOutOfRangeException(nameof(bins), $"{bins} bins do not fit a vocabulary of {vocabularySize}");
        VocabularySize = vocabularySize;
        Bins = bins;
        var step = 2.0 / (bins - 1);
        _edges = Enumerable.Range(0, bins).Select(i => i == bins - 1 ? 1.0 : -1.0 + i * step).ToArray();
        _centres = Enumerable.Range(0, bins - 1).Select(i => (_edges[i] + _edges[i + 1]) / 2).ToArray();
    }

    public int VocabularySize { get; }
    public int Bins { get; }

    /// <summary>The lowest action id; action ids are [FirstActionId, VocabularySize).</summary>
    public int FirstActionId => VocabularySize - Bins;

    public bool IsActionToken(int token) => token >= FirstActionId && token < VocabularySize;

    /// <summary>Index into the bin centres that <paramref name="token"/> decodes to (clipped like OpenVLA).</summary>
    public int CentreIndex(int token) => Math.Clamp(VocabularySize - token - 1, 0, Bins - 2);

    public double BinCentre(int token) => _centres[CentreIndex(token)];

    /// <summary>Normalised value in [-1, 1] -> token id (NaN is rejected: it has no bin).</summary>
    public int Encode(double normalised)
    {
        if (double.IsNaN(normalised))
            throw new ArgumentException("NaN has no action bin", nameof(normalised));
        var a = Math.Clamp(normalised, -1.0, 1.0);
        // numpy.digitize(a, edges) with increasing edges = number of edges <= a.
        var index = Array.BinarySearch(_edges, a);
        var count = index >= 0 ? LastEqual(index) + 1 : ~index;
        return VocabularySize - count;
    }

    /// <summary>Tokens -> metric action with one dataset's statistics.</summary>
    public void Decode(ReadOnlySpan<int> tokens, ActionStatistics statistics, Span<float> action)
    {
        if (tokens.Length != statistics.Q01.Length || action.Length < tokens.Length)
            throw new ArgumentException($"{tokens.Length} tokens for statistics of {statistics.Q01.Length} dimensions");
        for (var d = 0; d < tokens.Length; d++)
        {
            var n = BinCentre(tokens[d]);
            action[d] = statistics.Mask[d]
                ? (float)(0.5 * (n + 1.0) * (statistics.Q99[d] - (double)statistics.Q01[d]) + statistics.Q01[d])
                : (float)n;
        }
    }

    /// <summary>Metric action -> tokens, the inverse of <see cref="Decode"/>: masked dimensions are normalised
    /// with n = 2 (a - q01) / (q99 - q01) - 1 (0 where q99 = q01: every bin decodes to q01 there).</summary>
    public void Encode(ReadOnlySpan<float> action, ActionStatistics statistics, Span<int> tokens)
    {
        if (action.Length != statistics.Q01.Length || tokens.Length < action.Length)
            throw new ArgumentException($"{action.Length} action values for statistics of {statistics.Q01.Length} dimensions");
        for (var d = 0; d < action.Length; d++)
        {
            double range = statistics.Q99[d] - (double)statistics.Q01[d];
            var n = !statistics.Mask[d] ? action[d]
                : range > 0 ? 2 * (action[d] - (double)statistics.Q01[d]) / range - 1
                : 0;
            tokens[d] = Encode(n);
        }
    }

    private int LastEqual(int index)
    {
        while (index + 1 < _edges.Length && _edges[index + 1] == _edges[index])
            index++;
        return index;
    }
}
