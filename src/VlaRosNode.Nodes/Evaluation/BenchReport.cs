using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>A benchmark run as a console table and as JSON (summary per mode, per-episode outcomes, the
/// latency histogram and the acceptance trace of each mode's first episode).</summary>
public static class BenchReport
{
    private static string F(double v, string format = "0.00") => TextTable.Cell(v, format);

    public static string Table(BenchRun run)
    {
        var suites = run.Options.Suites.Select(ClosedLoopBenchmark.Name).ToArray();
        var header = new[] { "mode" }.Concat(suites).Concat(["success%", "of base%", "vs base pts", "mean ms", "p95 ms", "speedup", "decode ms", "decode x",
            "target/step", "drafter/step", "acc.len", "skip/step", "kalman/step", "prefill ms", "reused%"]).ToArray();
        var rows = run.Modes.Select(m =>
        {
            var bySuite = m.SuccessBySuite;
            return new[] { m.Mode.Label }
                .Concat(suites.Select(s => SuiteCell(bySuite, s)))
                .Concat([F(m.SuccessRate, "0.0"), F(run.RelativeSuccess(m), "0.0"), Paired(run.PairedWithBaseline(m)), F(m.MeanMs, "0.000"), F(m.P95Ms, "0.000"), F(run.Speedup(m)) + "x", F(m.MeanDecodeMs, "0.000"),
                    F(run.DecodeSpeedup(m)) + "x", F(m.TargetPassesPerStep), F(m.DrafterPassesPerStep), F(m.AcceptedLength), F(m.SkippedPerStep),
                    F(m.KalmanFillsPerStep), F(m.PrefillMs, "0.000"), F(100 * m.ReusedShare, "0.0")]).ToArray();
        }).ToList();
        var text = new StringBuilder(TextTable.Format(header, rows));
        text.AppendLine("vs base pts: success minus the baseline's on the same episodes, in points, with the half-width of its 95% interval;");
        text.AppendLine("differences inside the interval are what chance alone gives at this number of episodes.");
        text.AppendLine();
        text.AppendLine("cost of one target pass vs one datastore search, branches taken (steps: mean step ms, target passes per step, share of the time), " +
            "steps per precision, precision switches and DyQ's decision time:");
        foreach (var m in run.Modes)
            text.AppendLine($"  {m.Mode.Label}: target pass {F(m.TargetPassMs, "0.000")} ms, retrieval {F(m.RetrievalMs, "0.000")} ms; " +
                Branches(m) + "; " + string.Join(", ", m.Precisions.Select(p => $"{p.Key} {p.Value}")) +
                $"; {m.PrecisionSwitches} switches" + (PolicyMode.IsDyq(m.Mode.Precision) ? $", DyQ decision {F(m.DyqMs * 1000, "0.0")} us/step" : ""));
        text.Append(RejectedSequences(run.Modes.Select(m => (m.Mode.Label, (StepSummary)m))));
        foreach (var (cached, plain) in run.Modes.Select(m => (m, run.UncachedTwin(m))).Where(p => p.Item2 is not null))
            text.AppendLine($"token cache: {cached.Mode.Label} vs {plain!.Mode.Label} (same seeds): target prefill {F(cached.PrefillMs / plain.PrefillMs, "0.000")}x " +
                $"the time, step latency {F(cached.MeanMs / plain.MeanMs, "0.000")}x, success {F(cached.SuccessRate, "0.0")}% vs {F(plain.SuccessRate, "0.0")}%, " +
                $"{F(100 * cached.ReusedShare, "0.0")}% of visual tokens reused");
        return text.ToString();
    }

    public static string Json(BenchRun run)
    {
        var root = new JsonObject
        {
            ["package"] = run.Package,
            ["device"] = run.Device,
            ["datastore"] = run.Datastore,
            ["episodes_per_suite"] = run.Options.EpisodesPerSuite,
            ["first_seed"] = run.Options.FirstSeed,
            ["max_steps"] = run.Options.MaxSteps,
            ["token_cache_options"] = new JsonObject(OptionsBinder.Describe(run.Options.TokenCache)
                .Select(o => KeyValuePair.Create(o.Name, (JsonNode?)OptionsBinder.Format(o.Default)))),
            ["modes"] = new JsonArray(run.Modes.Select(m => (JsonNode)Mode(run, m, run.UncachedTwin(m))).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Mode(BenchRun run, ModeResult m, ModeResult? uncachedTwin) => new()
    {
        ["label"] = m.Mode.Label,
        ["strategy"] = m.Mode.Strategy,
        ["precision"] = m.Mode.Precision,
        ["success_of_baseline"] = Number(run.RelativeSuccess(m)),
        ["paired_with_baseline"] = PairedJson(run.PairedWithBaseline(m)),
        ["precision_steps"] = new JsonObject(m.Precisions.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["precision_switches"] = m.PrecisionSwitches,
        ["dyq_decision_ms"] = Number(m.DyqMs),
        ["parameters"] = new JsonObject(m.Mode.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["success_rate"] = Number(m.SuccessRate),
        ["success_by_suite"] = SuccessBySuiteJson(m.SuccessBySuite),
        ["steps"] = m.StepCount,
        ["mean_ms"] = Number(m.MeanMs),
        ["p95_ms"] = Number(m.P95Ms),
        ["speedup_over_ar"] = Number(run.Speedup(m)),
        ["mean_decode_ms"] = Number(m.MeanDecodeMs),
        ["decode_speedup_over_ar"] = Number(run.DecodeSpeedup(m)),
        ["target_passes_per_step"] = Number(m.TargetPassesPerStep),
        ["drafter_passes_per_step"] = Number(m.DrafterPassesPerStep),
        ["accepted_length"] = Number(m.AcceptedLength),
        ["skipped_verifications_per_step"] = Number(m.SkippedPerStep),
        ["kalman_fills_per_step"] = Number(m.KalmanFillsPerStep),
        ["target_pass_ms"] = Number(m.TargetPassMs),
        ["retrieval_ms"] = Number(m.RetrievalMs),
        ["token_cache"] = m.Mode.TokenCache,
        ["prefill_ms"] = Number(m.PrefillMs),
        ["visual_tokens_reused_share"] = Number(m.ReusedShare),
        ["uncached_twin"] = uncachedTwin?.Mode.Label,
        ["prefill_ratio_to_uncached_twin"] = uncachedTwin is null ? null : Number(m.PrefillMs / uncachedTwin.PrefillMs),
        ["step_latency_ratio_to_uncached_twin"] = uncachedTwin is null ? null : Number(m.MeanMs / uncachedTwin.MeanMs),
        ["branches"] = BranchesJson(m),
        ["rejected_sequences"] = RejectedSequencesJson(m),
        ["latency_ms"] = new JsonArray(m.Episodes.SelectMany(e => e.Steps).Select(s => (JsonNode)Number(s.TotalMs)!).ToArray()),
        ["first_episode_accepted_length"] = new JsonArray(m.Episodes.FirstOrDefault()?.Steps.Select(s => (JsonNode)Number(s.AcceptedLength)!).ToArray() ?? []),
        ["first_episode_precision"] = new JsonArray(m.Episodes.FirstOrDefault()?.Steps.Select(s => (JsonNode)s.Precision).ToArray() ?? []),
        ["first_episode_dyq_score"] = new JsonArray(m.Episodes.FirstOrDefault()?.Steps.Select(s => Number(s.DyqScore)).ToArray() ?? []),
        ["episodes"] = new JsonArray(m.Episodes.Select(e => (JsonNode)new JsonObject
        {
            ["suite"] = e.Suite, ["task"] = e.Task, ["seed"] = e.Seed, ["success"] = e.Success, ["steps"] = e.Steps.Count,
        }).ToArray()),
    };

    /// <summary>"39/50": a suite's successes of its episodes; "-" where the mode ran none of it.</summary>
    internal static string SuiteCell(IReadOnlyDictionary<string, (int Successes, int Episodes)> bySuite, string suite) =>
        bySuite.TryGetValue(suite, out var x) ? $"{x.Successes}/{x.Episodes}" : "-";

    internal static JsonObject SuccessBySuiteJson(IReadOnlyDictionary<string, (int Successes, int Episodes)> bySuite) =>
        new(bySuite.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)new JsonObject { ["successes"] = s.Value.Successes, ["episodes"] = s.Value.Episodes })));

    /// <summary>"-4.5±3.1": the paired difference and its 95% half-width; "-" without a baseline.</summary>
    internal static string Paired(PairedSuccess? paired) =>
        paired is { } p ? $"{F(p.DifferencePoints, "+0.0;-0.0;0.0")}±{F(p.Ci95Points, "0.0")}" : "-";

    internal static JsonObject? PairedJson(PairedSuccess? paired) => paired is { } p ? new JsonObject
    {
        ["episodes"] = p.Episodes,
        ["only_baseline_succeeded"] = p.OnlyBaseline,
        ["only_mode_succeeded"] = p.OnlyMode,
        ["difference_points"] = Number(p.DifferencePoints),
        ["ci95_points"] = Number(p.Ci95Points),
    } : null;

    /// <summary>"retrieval 8005: 2.41 ms, 3.2 passes, 56%, ..." per branch.</summary>
    internal static string Branches(StepSummary m) => string.Join(", ", m.Branches.Select(b =>
        $"{b.Key} {b.Value.Steps}: {F(b.Value.MeanMs, "0.00")} ms, {F(b.Value.TargetPassesPerStep, "0.0")} passes, {F(100 * b.Value.TimeShare, "0")}%"));

    /// <summary>"heisd: ... position 41%, rotation 37%, gripper 2%, any 60%" for each mode whose steps judged sequences.</summary>
    internal static string RejectedSequences(IEnumerable<(string Label, StepSummary Summary)> modes)
    {
        var text = new StringBuilder();
        foreach (var (label, summary) in modes)
            if (summary.RejectedSequenceShares is { Count: > 0 } shares)
                text.AppendLine($"  {label}: verified retrieval steps in which the target decoded a sequence (no candidate passed it): " +
                    string.Join(", ", shares.Select(r => $"{r.Key} {F(100 * r.Value, "0")}%")));
        return text.ToString();
    }

    /// <summary>The shares of <see cref="StepSummary.RejectedSequenceShares"/>; null for a mode none of whose steps judged sequences.</summary>
    internal static JsonObject? RejectedSequencesJson(StepSummary m) => m.RejectedSequenceShares is { Count: > 0 } shares
        ? new(shares.Select(r => KeyValuePair.Create(r.Key, Number(r.Value))))
        : null;

    internal static JsonObject BranchesJson(StepSummary m) => new(m.Branches.Select(b => KeyValuePair.Create(b.Key, (JsonNode?)new JsonObject
    {
        ["steps"] = b.Value.Steps,
        ["mean_ms"] = Number(b.Value.MeanMs),
        ["target_passes_per_step"] = Number(b.Value.TargetPassesPerStep),
        ["time_share"] = Number(b.Value.TimeShare),
    })));

    /// <summary>JSON has no NaN: a figure that does not exist (no ar mode, no retrieval) is null.</summary>
    internal static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 6)) : null;
}
