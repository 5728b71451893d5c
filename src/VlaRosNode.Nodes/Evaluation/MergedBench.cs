using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>A mode over several reports of the same modes on disjoint episodes (a run split across processes, one per
/// core, or across seed blocks): its episodes and step latencies pooled, and the speedup each process measured.</summary>
public sealed record MergedMode(string Label, bool IsReference, IReadOnlyList<EpisodeRecord> Episodes, double[] LatencyMs, IReadOnlyList<double?> Speedups)
{
    public double SuccessRate => EpisodeOutcomes.SuccessRate(Episodes);
    public IReadOnlyDictionary<string, (int Successes, int Episodes)> SuccessBySuite => EpisodeOutcomes.BySuite(Episodes);
    public double MeanMs => LatencyMs.DefaultIfEmpty(double.NaN).Average();
}

/// <summary><c>vla bench merge</c>: pools reports of one benchmark run in parts; success is compared with the reference
/// mode episode by episode (<see cref="PairedSuccess"/>), speed as pooled mean step latencies (every step counts once).</summary>
public static class MergedBench
{
    /// <summary>Merges the modes named <paramref name="labels"/> (every one the first report has when empty); each
    /// report must have them all.</summary>
    public static IReadOnlyList<MergedMode> Merge(IReadOnlyList<ReportedRun> runs, IReadOnlyList<string> labels)
    {
        if (runs.Count == 0)
            throw new ArgumentException("no reports to merge");
        var first = runs[0];
        if (labels.Count == 0)
            labels = first.Modes.Select(m => m.Label).ToArray();
        foreach (var run in runs)
        {
            if (run.Package != first.Package)
                throw new ArgumentException($"'{run.File}' benchmarked package '{run.Package}', '{first.File}' '{first.Package}'");
            if (labels.FirstOrDefault(l => run.Modes.All(m => m.Label != l)) is { } missing)
                throw new ArgumentException($"'{run.File}' has no mode '{missing}' (it has {Labels(run)})");
        }
        return labels.Select(label =>
        {
            var parts = runs.Select(r => r.Modes.First(m => m.Label == label)).ToArray();
            var mode = parts[0];
            var episodes = parts.SelectMany(p => p.Episodes).ToArray();
            var repeated = episodes.GroupBy(e => (e.Suite, e.Task, e.Seed)).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
                throw new ArgumentException($"mode '{label}' has {repeated.Key.Suite} '{repeated.Key.Task}' seed {repeated.Key.Seed} more than once: merge reports of disjoint episodes");
            return new MergedMode(label, mode.IsReference, episodes, parts.SelectMany(p => p.LatencyMs).ToArray(), parts.Select(p => p.Speedup).ToArray());
        }).ToArray();
    }

    public static string Table(IReadOnlyList<MergedMode> modes)
    {
        var reference = modes.FirstOrDefault(m => m.IsReference);
        var suites = modes.SelectMany(m => m.Episodes).Select(e => e.Suite).Distinct().ToArray();
        var header = new[] { "mode" }.Concat(suites).Concat(["success%", "vs base pts", "mean ms", "p95 ms", "speedup", "per report"]).ToArray();
        var rows = modes.Select(m => new[] { m.Label }
            .Concat(suites.Select(s => BenchReport.SuiteCell(m.SuccessBySuite, s)))
            .Concat([TextTable.Cell(m.SuccessRate, "0.0"), BenchReport.Paired(Paired(reference, m)),
                TextTable.Cell(m.MeanMs, "0.000"), TextTable.Cell(StepSummary.Percentile(m.LatencyMs, 95), "0.000"),
                TextTable.Cell(Speedup(reference, m)) + "x", string.Join(" ", m.Speedups.Select(s => s is { } x ? TextTable.Cell(x) + "x" : "-"))]).ToArray()).ToList();
        var text = new StringBuilder(TextTable.Format(header, rows));
        text.AppendLine("vs base pts: success minus the reference mode's on the same episodes (95% interval); speedup: the reference's mean");
        text.AppendLine("step latency over the mode's, every step of every report pooled; per report: what each process measured.");
        return text.ToString();
    }

    public static string Json(IReadOnlyList<MergedMode> modes, IReadOnlyList<ReportedRun> runs)
    {
        var reference = modes.FirstOrDefault(m => m.IsReference);
        var root = new JsonObject
        {
            ["package"] = runs[0].Package,
            ["reports"] = new JsonArray(runs.Select(r => (JsonNode)r.File).ToArray()),
            ["modes"] = new JsonArray(modes.Select(m => (JsonNode)new JsonObject
            {
                ["label"] = m.Label,
                ["episodes"] = m.Episodes.Count,
                ["successes"] = m.Episodes.Count(e => e.Success),
                ["success_rate"] = BenchReport.Number(m.SuccessRate),
                ["success_by_suite"] = BenchReport.SuccessBySuiteJson(m.SuccessBySuite),
                ["paired_with_baseline"] = BenchReport.PairedJson(Paired(reference, m)),
                ["steps"] = m.LatencyMs.Length,
                ["mean_ms"] = BenchReport.Number(m.MeanMs),
                ["p95_ms"] = BenchReport.Number(StepSummary.Percentile(m.LatencyMs, 95)),
                ["speedup_over_ar"] = BenchReport.Number(Speedup(reference, m)),
                ["speedup_per_report"] = new JsonArray(m.Speedups.Select(s => s is { } x ? BenchReport.Number(x) : null).ToArray()),
            }).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Labels(ReportedRun run) => "[" + string.Join(", ", run.Modes.Select(m => m.Label)) + "]";

    private static PairedSuccess? Paired(MergedMode? reference, MergedMode m) => reference is null ? null : PairedSuccess.Of(reference.Episodes, m.Episodes);

    private static double Speedup(MergedMode? reference, MergedMode m) => reference is null ? double.NaN : reference.MeanMs / m.MeanMs;
}
