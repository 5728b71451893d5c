using System.Text;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>A self-contained HTML page of a benchmark run: the table and three SVG plots (success vs speedup
/// per mode, step latency distribution, accepted length over each mode's first episode).</summary>
public static class BenchHtmlReport
{
    public static string Render(BenchRun run)
    {
        var html = new StringBuilder();
        html.AppendLine(HtmlPlots.Head("vla bench decode"));
        html.AppendLine($"<h1>Decoding strategies in closed loop</h1><p>package {HtmlPlots.Encode(run.Package)}, device {HtmlPlots.Encode(run.Device)}, " +
            $"datastore {HtmlPlots.Encode(run.Datastore ?? "none")}, {run.Options.EpisodesPerSuite} episodes per suite from seed {run.Options.FirstSeed}.</p>");
        html.AppendLine($"<pre>{HtmlPlots.Encode(BenchReport.Table(run))}</pre>");

        var modes = run.Modes.Select((m, i) => (m, Colour: HtmlPlots.Colour(i))).ToArray();
        html.AppendLine("<h2>Success vs speedup over ar</h2>");
        html.AppendLine(HtmlPlots.Chart("speedup over ar (x)", "success rate (%)",
            modes.Select(x => (x.m.Mode.Label, x.Colour, new[] { (run.Speedup(x.m), x.m.SuccessRate) }, Dots: true))));

        html.AppendLine("<h2>Step latency distribution</h2>");
        var all = run.Modes.SelectMany(m => m.Episodes.SelectMany(e => e.Steps)).Select(s => s.TotalMs).ToArray();
        var top = StepSummary.Percentile(all, 99);
        html.AppendLine(HtmlPlots.Chart("step latency (ms)", "share of steps (%)",
            modes.Select(x => (x.m.Mode.Label, x.Colour, HtmlPlots.Histogram(x.m.Episodes.SelectMany(e => e.Steps).Select(s => s.TotalMs), top), Dots: false))));

        html.AppendLine("<h2>Accepted length over the first episode</h2>");
        html.AppendLine(HtmlPlots.Chart("step", "action tokens per target pass",
            modes.Select(x => (x.m.Mode.Label, x.Colour,
                (x.m.Episodes.FirstOrDefault()?.Steps ?? []).Select((s, i) => ((double)i, s.AcceptedLength)).ToArray(), Dots: false))));
        foreach (var m in run.Modes.Where(m => PolicyMode.IsDyq(m.Mode.Precision)))
            html.AppendLine(PrecisionPlot(m, PolicyMode.DyqOptionsOf(m.Mode.Precision!, run.Options.Dyq)));
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    /// <summary>DyQ over the mode's first episode: the kinematic score S, the threshold, and the precision run at
    /// each step drawn as its level (0 = the lowest band's precision, 1 = full precision).</summary>
    private static string PrecisionPlot(ModeResult mode, Policy.Dyq.DyqOptions dyq)
    {
        var steps = mode.Episodes.FirstOrDefault()?.Steps ?? [];
        var levels = dyq.Precisions.Reverse().ToList(); // lowest first
        double Level(string p) => levels.Count > 1 ? (double)levels.IndexOf(p) / (levels.Count - 1) : 1;
        var chart = HtmlPlots.Chart("step", "S  /  precision level (0 = lowest, 1 = full)",
        [
            ("score S", HtmlPlots.Colour(0), steps.Select((s, i) => ((double)i, s.DyqScore)).ToArray(), false),
            ("threshold", HtmlPlots.Colour(2), steps.Count == 0 ? [] : [(0.0, dyq.Threshold), (steps.Count - 1.0, dyq.Threshold)], false),
            ("precision", HtmlPlots.Colour(1), steps.Select((s, i) => ((double)i, Level(s.Precision))).ToArray(), false),
        ]);
        var legend = string.Join(", ", levels.Select(p => $"{HtmlPlots.Encode(p)} = {Level(p):0.##}"));
        return $"<h2>DyQ precision over the first episode of {HtmlPlots.Encode(mode.Mode.Label)}</h2><p>precision levels: {legend}; " +
            $"S is missing until the windows fill (full precision then).</p>{chart}";
    }
}
