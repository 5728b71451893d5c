using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VlaRosNode.Nodes.Evaluation;

namespace VlaRosNode.Nodes.Replay;

/// <summary>A replay as console tables (modes; action error per dimension against ar and against the recorded
/// command; the breakdown by motion phase) and as JSON with every step.</summary>
public static class ReplayReport
{
    private static string F(double v, string format = "0.00") => TextTable.Cell(v, format);

    public static string Table(ReplayRun run)
    {
        var text = new StringBuilder();
        foreach (var bag in run.Bags)
            text.AppendLine($"{bag.Name}: {bag.Read}");
        text.AppendLine();
        var rows = run.Modes.Select(m =>
        {
            var ar = run.AgainstAr(m);
            var recorded = run.AgainstRecorded(m);
            return (IReadOnlyList<string>)[m.Mode.Label, m.StepCount.ToString(), F(m.MeanMs, "0.000"), F(m.P95Ms, "0.000"), F(run.Speedup(m)) + "x",
                F(run.DecodeSpeedup(m)) + "x", F(m.TargetPassesPerStep), F(m.DrafterPassesPerStep), F(m.AcceptedLength), F(m.SkippedPerStep),
                F(m.KalmanFillsPerStep), F(ar.ExactRate, "0.0"), F(ar.Mean(ar.TokenMismatchRate), "0.0"), F(ar.Mean(ar.MeanAbsoluteError), "0.0000"),
                F(recorded.Mean(recorded.MeanAbsoluteError), "0.0000")];
        });
        text.Append(TextTable.Format(["mode", "steps", "mean ms", "p95 ms", "speedup", "decode x", "target/step", "drafter/step", "acc.len",
            "skip/step", "kalman/step", "exact% vs ar", "tok.diff% vs ar", "|a-ar|", "|a-recorded|"], rows));
        text.AppendLine();
        text.AppendLine("target pass vs datastore search, branches (steps: mean step ms, target passes per step, share of the time) and decoder precisions:");
        foreach (var m in run.Modes)
            text.AppendLine($"  {m.Mode.Label}: target pass {F(m.TargetPassMs, "0.000")} ms, retrieval {F(m.RetrievalMs, "0.000")} ms; " +
                $"{BenchReport.Branches(m)}; {string.Join(", ", m.Precisions.Select(p => $"{p.Key} {p.Value}"))}");
        text.Append(BenchReport.RejectedSequences(run.Modes.Select(m => (m.Mode.Label, (StepSummary)m))));
        text.AppendLine();
        text.AppendLine("mean |action - ar| per dimension (share of steps with a different token):");
        text.Append(PerDimension(run, run.AgainstAr));
        if (run.HasRecordedCommands)
        {
            text.AppendLine();
            text.AppendLine("mean |action - recorded command| per dimension (share of steps with a different token):");
            text.Append(PerDimension(run, run.AgainstRecorded));
        }
        text.AppendLine();
        var metric = run.PhaseMetric;
        text.AppendLine($"by motion phase (fused kinematic metric F, window {metric.Window}, alpha {metric.Alpha}, fast-straight when F > {metric.Threshold}):");
        var empty = MotionPhase.All.Where(p => run.Summary(run.Baseline, ReplayRun.InPhase(p)).StepCount == 0).ToArray();
        var phaseRows = MotionPhase.All.Except(empty).SelectMany(phase => run.Modes.Select(m =>
        {
            var inPhase = ReplayRun.InPhase(phase);
            var summary = run.Summary(m, inPhase);
            var ar = run.AgainstAr(m, inPhase);
            var recorded = run.AgainstRecorded(m, inPhase);
            return (IReadOnlyList<string>)[phase, m.Mode.Label, summary.StepCount.ToString(), F(summary.MeanMs, "0.000"), F(run.Speedup(m, inPhase)) + "x",
                F(summary.TargetPassesPerStep), F(summary.AcceptedLength), F(ar.ExactRate, "0.0"), F(ar.Mean(ar.MeanAbsoluteError), "0.0000"),
                F(recorded.Mean(recorded.MeanAbsoluteError), "0.0000")];
        }));
        text.Append(TextTable.Format(["phase", "mode", "steps", "mean ms", "speedup", "target/step", "acc.len", "exact% vs ar", "|a-ar|", "|a-recorded|"], phaseRows));
        if (empty.Length > 0)
            text.AppendLine($"no step in phase {string.Join(", ", empty)}");
        return text.ToString();
    }

    private static string PerDimension(ReplayRun run, Func<ReplayModeResult, Func<ReplayStepInfo, bool>?, ActionErrors> against)
    {
        var rows = run.Modes.Select(m =>
        {
            var e = against(m, null);
            return (IReadOnlyList<string>)[m.Mode.Label, .. Enumerable.Range(0, e.Dimensions)
                .Select(d => $"{F(e.MeanAbsoluteError(d), "0.0000")} ({F(e.TokenMismatchRate(d), "0.0")}%)")];
        });
        return TextTable.Format(["mode", .. run.DimensionNames], rows);
    }

    public static string Json(ReplayRun run)
    {
        var root = new JsonObject
        {
            ["package"] = run.Package,
            ["device"] = run.Device,
            ["datastore"] = run.Datastore,
            ["bags"] = new JsonArray(run.Bags.Select(b => (JsonNode)new JsonObject
            {
                ["name"] = b.Name, ["steps"] = b.Read.Steps, ["episodes"] = b.Read.Episodes, ["steps_with_command"] = b.Read.StepsWithCommand,
                ["skipped"] = b.Read.Skipped, ["first_skip_reason"] = b.Read.FirstSkipReason,
                ["malformed_messages"] = b.Read.Malformed, ["unusable_commands"] = b.Read.UnusableCommands,
            }).ToArray()),
            ["dimensions"] = new JsonArray(run.DimensionNames.Select(n => (JsonNode)n).ToArray()),
            ["phase_metric"] = new JsonObject
            {
                ["window"] = run.PhaseMetric.Window, ["alpha"] = run.PhaseMetric.Alpha, ["threshold"] = run.PhaseMetric.Threshold,
            },
            ["steps"] = new JsonArray(run.Steps.Select(s => (JsonNode)new JsonObject
            {
                ["index"] = s.Index, ["episode"] = s.Episode, ["phase"] = s.Phase, ["fused"] = BenchReport.Number(s.Fused),
                ["recorded_action"] = s.RecordedAction is null ? null : Numbers(s.RecordedAction),
            }).ToArray()),
            ["modes"] = new JsonArray(run.Modes.Select(m => (JsonNode)Mode(run, m)).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Mode(ReplayRun run, ReplayModeResult m) => new()
    {
        ["label"] = m.Mode.Label,
        ["strategy"] = m.Mode.Strategy,
        ["parameters"] = new JsonObject(m.Mode.Parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["steps"] = m.StepCount,
        ["mean_ms"] = BenchReport.Number(m.MeanMs),
        ["p95_ms"] = BenchReport.Number(m.P95Ms),
        ["speedup_over_ar"] = BenchReport.Number(run.Speedup(m)),
        ["decode_speedup_over_ar"] = BenchReport.Number(run.DecodeSpeedup(m)),
        ["target_passes_per_step"] = BenchReport.Number(m.TargetPassesPerStep),
        ["drafter_passes_per_step"] = BenchReport.Number(m.DrafterPassesPerStep),
        ["accepted_length"] = BenchReport.Number(m.AcceptedLength),
        ["skipped_verifications_per_step"] = BenchReport.Number(m.SkippedPerStep),
        ["kalman_fills_per_step"] = BenchReport.Number(m.KalmanFillsPerStep),
        ["branches"] = BenchReport.BranchesJson(m),
        ["rejected_sequences"] = BenchReport.RejectedSequencesJson(m),
        ["precisions"] = new JsonObject(m.Precisions.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        ["precision"] = m.Mode.Precision,
        ["target_pass_ms"] = BenchReport.Number(m.TargetPassMs),
        ["retrieval_ms"] = BenchReport.Number(m.RetrievalMs),
        ["against_ar"] = Errors(run.AgainstAr(m)),
        ["against_recorded"] = run.HasRecordedCommands ? Errors(run.AgainstRecorded(m)) : null,
        ["phases"] = new JsonObject(MotionPhase.All.Select(phase =>
        {
            var inPhase = ReplayRun.InPhase(phase);
            var summary = run.Summary(m, inPhase);
            return KeyValuePair.Create(phase, (JsonNode?)new JsonObject
            {
                ["steps"] = summary.StepCount,
                ["mean_ms"] = BenchReport.Number(summary.MeanMs),
                ["speedup_over_ar"] = BenchReport.Number(run.Speedup(m, inPhase)),
                ["target_passes_per_step"] = BenchReport.Number(summary.TargetPassesPerStep),
                ["accepted_length"] = BenchReport.Number(summary.AcceptedLength),
                ["against_ar"] = Errors(run.AgainstAr(m, inPhase)),
                ["against_recorded"] = run.HasRecordedCommands ? Errors(run.AgainstRecorded(m, inPhase)) : null,
            });
        })),
        ["step_ms"] = Numbers(m.Steps.Select(s => s.Step.TotalMs)),
        ["accepted_length_per_step"] = Numbers(m.Steps.Select(s => s.Step.AcceptedLength)),
        ["actions"] = new JsonArray(m.Steps.Select(s => (JsonNode)Numbers(s.Action)).ToArray()),
    };

    private static JsonObject Errors(ActionErrors e) => new()
    {
        ["steps"] = e.Steps,
        ["exact_steps_percent"] = BenchReport.Number(e.ExactRate),
        ["token_mismatch_percent"] = Numbers(Enumerable.Range(0, e.Dimensions).Select(e.TokenMismatchRate)),
        ["mean_bin_distance"] = Numbers(Enumerable.Range(0, e.Dimensions).Select(e.MeanBinDistance)),
        ["mean_abs_error"] = Numbers(Enumerable.Range(0, e.Dimensions).Select(e.MeanAbsoluteError)),
        ["max_abs_error"] = Numbers(Enumerable.Range(0, e.Dimensions).Select(e.MaxAbsoluteError)),
    };

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(BenchReport.Number).ToArray());

    private static JsonArray Numbers(IEnumerable<float> values) => Numbers(values.Select(v => (double)v));
}
