using System.Globalization;
using System.Text;
using System.Text.Json;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>One row of `vla bench cdr`: a message, an operation, our time, npm's time and, for bulk data, the memcpy baseline.</summary>
public sealed record CdrBenchRow(string Message, string Operation, int Bytes, double CSharpNs, double CSharpAllocatedBytes, double? NpmNs, double? MemcpyNs)
{
    public double? SpeedupVsNpm => NpmNs / CSharpNs;
    public double GigabytesPerSecond => Bytes / CSharpNs;
    public double? FractionOfMemcpy => MemcpyNs / CSharpNs;
}

/// <summary>Formats the rows as a text table, a markdown report and JSON, with the issue's goals checked.</summary>
public static class CdrBenchReport
{
    public const double ImageGoal = 0.80;     // of memcpy bandwidth
    public const double JointStateGoal = 3.0; // times faster than @foxglove/rosmsg2-serialization

    private static readonly string[] Header = ["message", "op", "bytes", "C# µs/op", "C# alloc B/op", "npm µs/op", "C#/npm", "C# GB/s", "memcpy GB/s", "of memcpy"];

    public static string Table(IReadOnlyList<CdrBenchRow> rows, string separator = "  ")
    {
        var cells = rows.Select(Cells).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(c => cells.Max(r => r[c].Length)).ToArray();
        return string.Join('\n', cells.Select(r => string.Join(separator, r.Select((cell, c) => c < 2 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c])))).Select(l => l.TrimEnd())) + '\n';
    }

    public static string Markdown(IReadOnlyList<CdrBenchRow> rows, string command, string machine)
    {
        var md = new StringBuilder();
        md.AppendLine("# vla bench cdr").AppendLine();
        md.AppendLine($"Command: `{command}`  ").AppendLine($"Machine: {machine}").AppendLine();
        md.AppendLine("| " + string.Join(" | ", Header) + " |");
        md.AppendLine("|" + string.Concat(Header.Select((_, c) => c < 2 ? "---|" : "---:|")));
        foreach (var row in rows)
            md.AppendLine("| " + string.Join(" | ", Cells(row)) + " |");
        md.AppendLine().AppendLine("Goals:").AppendLine();
        foreach (var line in Goals(rows))
            md.AppendLine("- " + line);
        return md.ToString();
    }

    public static string Json(IReadOnlyList<CdrBenchRow> rows, string command, string machine) =>
        JsonSerializer.Serialize(new { command, machine, rows, goals = Goals(rows) }, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>One line per goal of the issue, each saying met or not met with the measured figure.</summary>
    public static IReadOnlyList<string> Goals(IReadOnlyList<CdrBenchRow> rows)
    {
        var lines = new List<string>();
        foreach (var row in rows)
        {
            if (row.FractionOfMemcpy is { } fraction)
                lines.Add($"{row.Message} {row.Operation} at >= {ImageGoal:P0} of memcpy: {fraction:P0} -> {(fraction >= ImageGoal ? "met" : "NOT met")}");
            else if (row.SpeedupVsNpm is { } speedup)
                lines.Add($"{row.Message} {row.Operation} >= {JointStateGoal}x npm: {speedup:F1}x -> {(speedup >= JointStateGoal ? "met" : "NOT met")}");
        }
        return lines;
    }

    private static string[] Cells(CdrBenchRow row) =>
    [
        row.Message, row.Operation, row.Bytes.ToString(CultureInfo.InvariantCulture),
        Micro(row.CSharpNs), row.CSharpAllocatedBytes.ToString("F0", CultureInfo.InvariantCulture), row.NpmNs is { } npm ? Micro(npm) : "-",
        row.SpeedupVsNpm is { } s ? s.ToString("F1", CultureInfo.InvariantCulture) + "x" : "-",
        row.GigabytesPerSecond.ToString("F2", CultureInfo.InvariantCulture),
        row.MemcpyNs is { } m ? (row.Bytes / m).ToString("F2", CultureInfo.InvariantCulture) : "-",
        row.FractionOfMemcpy is { } f ? f.ToString("P0", CultureInfo.InvariantCulture) : "-",
    ];

    private static string Micro(double ns) => (ns / 1000).ToString(ns < 10_000 ? "F3" : "F1", CultureInfo.InvariantCulture);
}
