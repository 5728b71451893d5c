using System.Text;
using VlaRosNode.Nodes.Evaluation;

namespace VlaRosNode.Nodes.Replay;

/// <summary>A self-contained HTML page of a replay: the tables and SVG plots of step latency and accepted length over
/// the bag, the latency distribution, action error per dimension (against ar and the recorded command), speedup
/// per motion phase and the fused kinematic metric over the bag.</summary>
public static class ReplayHtmlReport
{
    public static string Render(ReplayRun run)
    {
        var html = new StringBuilder();
        html.AppendLine(HtmlPlots.Head($"vla eval replay {run.Title}"));
        html.AppendLine($"<h1>Open-loop replay of {HtmlPlots.Encode(run.Title)}</h1><p>package {HtmlPlots.Encode(run.Package)}, device " +
            $"{HtmlPlots.Encode(run.Device)}, datastore {HtmlPlots.Encode(run.Datastore ?? "none")}.</p>");
        html.AppendLine($"<pre>{HtmlPlots.Encode(ReplayReport.Table(run))}</pre>");
        var modes = run.Modes.Select((m, i) => (m, Colour: HtmlPlots.Colour(i))).ToArray();

        html.AppendLine("<h2>Step latency over the replay</h2>");
        html.AppendLine(HtmlPlots.Chart("step", "ms", modes.Select(x => (x.m.Mode.Label, x.Colour,
            x.m.Steps.Select((s, i) => ((double)i, s.Step.TotalMs)).ToArray(), Dots: false))));

        html.AppendLine("<h2>Step latency distribution</h2>");
        var top = StepSummary.Percentile(run.Modes.SelectMany(m => m.Steps).Select(s => s.Step.TotalMs), 99);
        html.AppendLine(HtmlPlots.Chart("step latency (ms)", "share of steps (%)", modes.Select(x => (x.m.Mode.Label, x.Colour,
            HtmlPlots.Histogram(x.m.Steps.Select(s => s.Step.TotalMs), top), Dots: false))));

        html.AppendLine("<h2>Accepted length over the replay</h2>");
        html.AppendLine(HtmlPlots.Chart("step", "action tokens per target pass", modes.Select(x => (x.m.Mode.Label, x.Colour,
            x.m.Steps.Select((s, i) => ((double)i, s.Step.AcceptedLength)).ToArray(), Dots: false))));

        html.AppendLine($"<h2>Mean |action - ar| per dimension ({string.Join(", ", run.DimensionNames)})</h2>");
        html.AppendLine(PerDimension(run, modes, m => run.AgainstAr(m)));
        if (run.HasRecordedCommands)
        {
            html.AppendLine($"<h2>Mean |action - recorded command| per dimension ({string.Join(", ", run.DimensionNames)})</h2>");
            html.AppendLine(PerDimension(run, modes, m => run.AgainstRecorded(m)));
        }

        html.AppendLine($"<h2>Speedup over ar per motion phase ({string.Join(", ", MotionPhase.All.Select((p, i) => $"{i} = {p}"))})</h2>");
        html.AppendLine(HtmlPlots.Chart("motion phase", "speedup over ar (x)", modes.Select(x => (x.m.Mode.Label, x.Colour,
            MotionPhase.All.Select((p, i) => ((double)i, run.Speedup(x.m, ReplayRun.InPhase(p)))).ToArray(), Dots: true))));

        html.AppendLine("<h2>Fused kinematic metric F over the replay</h2>");
        html.AppendLine(HtmlPlots.Chart("step", "F", [
            ("F", HtmlPlots.Colour(0), run.Steps.Select((s, i) => ((double)i, s.Fused)).ToArray(), false),
            ("threshold", HtmlPlots.Colour(1), [(0.0, run.PhaseMetric.Threshold), (Math.Max(1, run.Steps.Count - 1), run.PhaseMetric.Threshold)], false),
        ]));
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string PerDimension(ReplayRun run, (ReplayModeResult m, string Colour)[] modes, Func<ReplayModeResult, ActionErrors> against) =>
        HtmlPlots.Chart("action dimension", "mean absolute error", modes.Select(x =>
        {
            var e = against(x.m);
            return (x.m.Mode.Label, x.Colour, Enumerable.Range(0, run.Dimensions).Select(d => ((double)d, e.MeanAbsoluteError(d))).ToArray(), Dots: true);
        }));
}
