using System.Globalization;
using System.Text;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy.Dyq;

namespace VlaRosNode.Nodes.Dyq;

/// <summary>One S bin (a motion phase): steps measured in it, each lower precision's mean action deviation from full
/// precision (action bins) and the precision the map gives it. The bin above the threshold always runs full precision.</summary>
public sealed record CalibrationBin(double MinScore, double MaxScore, int Samples, IReadOnlyDictionary<string, double> MeanDeviation, string Chosen);

/// <summary>What calibration measured and chose: the options to write, the bins, and S of every measured step.</summary>
public sealed record CalibrationResult(DyqOptions Options, IReadOnlyList<CalibrationBin> Bins, IReadOnlyList<double> Scores, string Source, int Steps)
{
    /// <summary>Per phase (S bin): steps, mean deviation per lower precision, chosen precision; then S's distribution
    /// and the steps the map sends to each precision (before the hold time).</summary>
    public string Table()
    {
        var inv = CultureInfo.InvariantCulture;
        var lower = Bins.SelectMany(b => b.MeanDeviation.Keys).Distinct().ToArray();
        var header = new[] { "S from", "S up to", "steps" }.Concat(lower.Select(p => p + " dev")).Append("chosen").ToArray();
        var rows = Bins.Select(b => new[] { b.MinScore.ToString("0.###", inv), b.MaxScore.ToString("0.###", inv), b.Samples.ToString(inv) }
            .Concat(lower.Select(p => b.MeanDeviation.TryGetValue(p, out var d) ? d.ToString("0.00", inv) : "-")).Append(b.Chosen).ToArray()).ToList();
        var text = new StringBuilder(TextTable.Format(header, rows));
        double P(double p) => StepSummary.Percentile(Scores, p);
        text.AppendLine(string.Create(inv, $"S ({ProxyNormalization.Name(Options.Normalization)} normalisation) over {Scores.Count} steps: " +
            $"p5 {P(5):0.000}, p25 {P(25):0.000}, median {P(50):0.000}, p75 {P(75):0.000}, p95 {P(95):0.000}; above the threshold {Options.Threshold}: " +
            $"{Scores.Count(s => s > Options.Threshold)}"));
        var byPrecision = Bins.GroupBy(b => b.Chosen).Select(g => $"{g.Key} {g.Sum(b => b.Samples)}");
        text.AppendLine($"steps per precision by the map (before the hold time): {string.Join(", ", byPrecision)}");
        return text.ToString();
    }
}
