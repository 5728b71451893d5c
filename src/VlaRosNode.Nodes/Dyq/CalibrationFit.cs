using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy.Dyq;

namespace VlaRosNode.Nodes.Dyq;

/// <summary>One measured step: its raw proxies and each lower precision's action deviation from full precision.</summary>
internal sealed record CalibrationSample(double Fineness, double Jerk, double[] Deviation);

/// <summary>
/// Turns measured steps into DyQ's options. The proxies' ranges are percentiles of the measured M and J (the top clipped
/// as HeiSD's Norm does). S is binned over [0, threshold]; per lower precision, the bins' mean deviations are fitted
/// with the closest non-decreasing sequence (pool adjacent violators, weighted by steps), because sensitivity rises
/// with fineness (the paper's premise) and a lone noisy bin must not send every finer bin to full precision. Each bin
/// gets the cheapest precision whose fitted deviation is within the tolerance (full precision if none); equal
/// neighbours merge into one band.
/// </summary>
public static class CalibrationFit
{
    internal static CalibrationResult Fit(IReadOnlyList<CalibrationSample> samples, DyqCalibration.Settings settings, string source, int steps)
    {
        var m = samples.Select(s => s.Fineness).ToArray();
        var j = samples.Select(s => s.Jerk).ToArray();
        var (fMin, fMax) = Range(m, settings);
        var (jMin, jMax) = Range(j, settings);
        var options = settings.Start with
        {
            FullPrecision = settings.FullPrecision,
            FinenessMin = fMin, FinenessMax = fMax, JerkMin = jMin, JerkMax = jMax,
        };
        options.Validate();
        var scores = samples.Select(s => KinematicScore.Fuse(s.Fineness, s.Jerk, options)).ToArray();
        var threshold = options.Threshold;
        var width = threshold / settings.Bins;
        var lower = settings.Lower;
        var byBin = Enumerable.Range(0, settings.Bins + 1)
            .Select(b => samples.Where((_, i) => BinOf(scores[i], width, settings.Bins) == b).ToArray()).ToArray();
        var fitted = lower.Select((_, p) => NonDecreasing(byBin.Take(settings.Bins).Select(x => x.Select(s => s.Deviation[p]).ToArray()).ToArray())).ToArray();

        var bins = new List<CalibrationBin>();
        var bands = new List<PrecisionBand>();
        for (var b = 0; b <= settings.Bins; b++)
        {
            var above = b == settings.Bins;
            // Lower precisions run highest first: the cheapest within tolerance is the last that fits.
            var name = above ? settings.FullPrecision
                : Enumerable.Range(0, lower.Count).Reverse().Where(p => fitted[p][b] <= settings.Tolerance).Select(p => lower[p]).FirstOrDefault(settings.FullPrecision);
            var inBin = byBin[b];
            var max = above ? 1 : b == settings.Bins - 1 ? threshold : (b + 1) * width;
            bins.Add(new CalibrationBin(b * width, max, inBin.Length, inBin.Length == 0 ? new Dictionary<string, double>()
                : lower.Select((p, i) => (p, Mean: inBin.Average(s => s.Deviation[i]))).ToDictionary(x => x.p, x => x.Mean), name));
            if (above)
                break;
            if (bands.Count > 0 && bands[^1].Precision == name)
                bands[^1] = bands[^1] with { MaxScore = max };
            else
                bands.Add(new PrecisionBand(max, name));
        }
        return new CalibrationResult(options with { Map = new PrecisionMap(bands) }, bins, scores, source, steps);
    }

    /// <summary>The low/high percentiles of <paramref name="values"/>; on a log scale the low end is kept above 0.</summary>
    private static (double Min, double Max) Range(double[] values, DyqCalibration.Settings settings)
    {
        var sorted = values.Order().ToArray();
        var min = StepSummary.Percentile(sorted, settings.LowPercentile);
        if (settings.Start.Normalization == ProxyScale.Log && !(min > 0))
            min = sorted.FirstOrDefault(v => v > 0, 1e-9);
        var max = StepSummary.Percentile(sorted, settings.HighPercentile);
        return (min, Math.Max(max, min * (1 + 1e-9) + 1e-12));
    }

    /// <summary>Bin of a score: 0 .. bins - 1 over [0, threshold], <paramref name="bins"/> above it.</summary>
    private static int BinOf(double score, double width, int bins) => score > width * bins ? bins : Math.Min(bins - 1, (int)(score / width));

    /// <summary>Per bin, the value of the non-decreasing sequence closest to the bins' samples in least squares (pool
    /// adjacent violators over the measured bins' means, weighted by sample count). An empty bin takes its lower
    /// neighbour's value (the first measured one's when it leads); no sample at all gives +infinity (nothing is known
    /// to be safe).</summary>
    public static double[] NonDecreasing(IReadOnlyList<double[]> binSamples)
    {
        var blocks = new List<(double Sum, int Count, List<int> Bins)>();
        for (var b = 0; b < binSamples.Count; b++)
        {
            if (binSamples[b].Length == 0)
                continue;
            blocks.Add((binSamples[b].Sum(), binSamples[b].Length, [b]));
            while (blocks.Count > 1 && Mean(blocks[^2]) > Mean(blocks[^1]))
            {
                var (lo, hi) = (blocks[^2], blocks[^1]);
                blocks.RemoveRange(blocks.Count - 2, 2);
                blocks.Add((lo.Sum + hi.Sum, lo.Count + hi.Count, [.. lo.Bins, .. hi.Bins]));
            }
        }
        var fitted = Enumerable.Repeat(double.NaN, binSamples.Count).ToArray();
        foreach (var block in blocks)
            foreach (var b in block.Bins)
                fitted[b] = Mean(block);
        var first = blocks.Count > 0 ? Mean(blocks[0]) : double.PositiveInfinity;
        for (var b = 0; b < fitted.Length; b++)
            if (double.IsNaN(fitted[b]))
                fitted[b] = b == 0 ? first : fitted[b - 1];
        return fitted;
    }

    private static double Mean((double Sum, int Count, List<int> Bins) block) => block.Sum / block.Count;
}
