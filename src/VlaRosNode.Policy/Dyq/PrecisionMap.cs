namespace VlaRosNode.Policy.Dyq;

/// <summary>Scores up to <paramref name="MaxScore"/> (and above the previous band's) run <paramref name="Precision"/>.</summary>
public sealed record PrecisionBand(double MaxScore, string Precision);

/// <summary>
/// The calibrated map from the kinematic score S (at or below the full-precision threshold) to a lower precision:
/// bands in ascending score order, the lowest-scoring (coarse, smooth transit) first. A score above every band
/// runs full precision. Built by <c>vla dyq calibrate</c>; stored as two parallel parameter arrays.
/// </summary>
public sealed class PrecisionMap
{
    public PrecisionMap(IReadOnlyList<PrecisionBand> bands)
    {
        if (bands.Count == 0)
            throw new ArgumentException("a dyq precision map needs at least one band");
        for (var i = 0; i < bands.Count; i++)
        {
            if (!double.IsFinite(bands[i].MaxScore) || (i > 0 && !(bands[i].MaxScore > bands[i - 1].MaxScore)))
                throw new ArgumentException($"dyq map scores must be finite and ascending (band {i}: {bands[i].MaxScore})");
            if (string.IsNullOrWhiteSpace(bands[i].Precision))
                throw new ArgumentException($"dyq map band {i} names no precision");
        }
        Bands = bands;
    }

    public IReadOnlyList<PrecisionBand> Bands { get; }

    /// <summary>From the parameter arrays <c>map_scores</c> and <c>map_precisions</c>.</summary>
    public static PrecisionMap FromArrays(IReadOnlyList<double> scores, IReadOnlyList<string> precisions) =>
        scores.Count == precisions.Count
            ? new PrecisionMap(scores.Zip(precisions, (s, p) => new PrecisionBand(s, p)).ToArray())
            : throw new ArgumentException($"dyq map has {scores.Count} scores but {precisions.Count} precisions");

    /// <summary>The band index for <paramref name="score"/>, or -1 when it is above every band.</summary>
    public int BandOf(double score)
    {
        for (var i = 0; i < Bands.Count; i++)
            if (score <= Bands[i].MaxScore)
                return i;
        return -1;
    }
}
