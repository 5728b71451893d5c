using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace VlaRosNode.Policy.Benchmarks;

/// <summary><see cref="PrecisionBenchmark"/> results as a table and markdown, with ratios to the first precision
/// (the baseline, fp32) from the same run.</summary>
public static class PrecisionBenchmarkReport
{
    private static readonly string[] Header =
        ["precision", "decoder bytes", "drafter bytes", "target decode us", "target verify 8 us", "drafter decode us", "drafter verify 8 us",
         "decode speedup", "verify 8 speedup"];

    public static string Table(IReadOnlyList<PrecisionCost> costs)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(" ", Header.Select((h, i) => i == 0 ? h.PadRight(10) : h.PadLeft(h.Length + 1))));
        foreach (var row in Rows(costs))
            sb.AppendLine(string.Join(" ", row.Select((v, i) => i == 0 ? v.PadRight(10) : v.PadLeft(Header[i].Length + 1))));
        return sb.ToString();
    }

    public static string Markdown(IReadOnlyList<PrecisionCost> costs, string package, string settings)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# vla bench precisions");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- package: {package}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- settings: {settings}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, load average at the end {LoadAverage()}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm}");
        sb.AppendLine("- speedups: target cost of the first precision / this precision's, medians from this run");
        sb.AppendLine();
        sb.AppendLine("| " + string.Join(" | ", Header) + " |");
        sb.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", Header.Length)));
        foreach (var row in Rows(costs))
            sb.AppendLine("| " + string.Join(" | ", row) + " |");
        return sb.ToString();
    }

    private static IEnumerable<string[]> Rows(IReadOnlyList<PrecisionCost> costs)
    {
        var baseline = costs[0];
        return costs.Select(c => new[]
        {
            c.Precision, Num(c.DecoderBytes), Num(c.DrafterBytes), Num(c.TargetDecodeUs), Num(c.TargetVerify8Us),
            Num(c.DrafterDecodeUs), Num(c.DrafterVerify8Us),
            Ratio(baseline.TargetDecodeUs / c.TargetDecodeUs), Ratio(baseline.TargetVerify8Us / c.TargetVerify8Us),
        });
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Num(double v) => v.ToString("F1", CultureInfo.InvariantCulture);

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Ratio(double v) => v.ToString("F2", CultureInfo.InvariantCulture) + "x";
}
