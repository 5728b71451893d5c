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
        html.AppendLine("</body></html>");
        return html.ToString();
    }
}
