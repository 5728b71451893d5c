using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace VlaRosNode.Policy.Benchmarks;

/// <summary>Formats <see cref="EngineBenchmark"/> rows as an aligned table, plus the ratios that size the model.</summary>
public static class EngineBenchmarkReport
{
    public static string Table(IReadOnlyList<BenchmarkRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Line("graph", "call", "tokens", "mean us", "median us", "p90 us"));
        sb.AppendLine(Line("-------", "----", "------", "-------", "---------", "------"));
        foreach (var r in rows)
            sb.AppendLine(Line(r.Graph, r.Call, Num(r.Tokens), Num(r.MeanUs), Num(r.MedianUs), Num(r.P90Us)));
        return sb.ToString();
    }

    /// <summary>Ratios of medians measured in the same run; absent when the rows lack a part.</summary>
    public static IEnumerable<string> Ratios(IReadOnlyList<BenchmarkRow> rows)
    {
        double? Median(string graph, string callStart) =>
            rows.FirstOrDefault(r => r.Graph == graph && r.Call.StartsWith(callStart, StringComparison.Ordinal))?.MedianUs;
        var overhead = Median("embed", "1 token");
        var decoderOverhead = rows.FirstOrDefault(r => r.Graph == "overhead")?.MedianUs;
        var decode = Median("target", "decode");
        var verify8 = Median("target", "verify 8");
        var draft = Median("drafter", "decode");
        if (overhead is { } o && decode is { } d)
            yield return $"target decode / minimal call (embed of 1 token): {d / o:F1}x";
        if (decoderOverhead is { } near && decode is { } d1)
            yield return $"target decode / near-empty decoder call (fixed per-call cost): {d1 / near:F1}x";
        if (decode is { } d2 && verify8 is { } v)
            yield return $"target verify 8 / target decode: {v / d2:F2}x";
        if (decode is { } d3 && draft is { } dr)
            yield return $"drafter decode / target decode: {dr / d3:F2}x";
    }

    public static string Markdown(IReadOnlyList<BenchmarkRow> rows, string packageName, string settings)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# vla bench engine");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- package: {packageName}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- settings: {settings}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm}");
        sb.AppendLine();
        sb.AppendLine("| graph | call | tokens | mean us | median us | p90 us |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Graph} | {r.Call} | {r.Tokens} | {Num(r.MeanUs)} | {Num(r.MedianUs)} | {Num(r.P90Us)} |");
        sb.AppendLine();
        foreach (var ratio in Ratios(rows))
            sb.AppendLine("- " + ratio);
        return sb.ToString();
    }

    private static string Line(string graph, string call, string tokens, string mean, string median, string p90) =>
        $"{graph,-8} {call,-52} {tokens,6} {mean,10} {median,10} {p90,10}";

    private static string Num(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    private static string Num(int v) => v.ToString(CultureInfo.InvariantCulture);
}
