using System.Globalization;
using System.Text;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>`vla bench sim`: time of a simulator step with both cameras rendered, per image size; a table and a report.</summary>
public sealed class SimBenchCommand(TextWriter output, TextWriter error) : ICliCommand
{
    /// <summary>The issue's bar: one step with both 128x128 cameras at this rate or more, on one core.</summary>
    public const double TargetHz = 500;

    public SimBenchCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => "bench sim";
    public string Summary => "time simulator steps with both cameras rendered, per image size (--sizes, --calls, --seeds, --report)";

    private const string Usage = "usage: vla bench sim [--sizes 128,224] [--calls N] [--seeds N] [--report FILE]";

    public int Run(IReadOnlyList<string> args)
    {
        var sizes = new[] { 128, 224 };
        int calls = 1000, seeds = 10;
        var report = "sim-bench.md";
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--sizes" when TryParseSizes(value, out var parsed):
                    sizes = parsed;
                    break;
                case "--calls" when int.TryParse(value, CultureInfo.InvariantCulture, out calls) && calls >= 10:
                    break;
                case "--seeds" when int.TryParse(value, CultureInfo.InvariantCulture, out seeds) && seeds >= 0:
                    break;
                case "--report" when value is not null:
                    report = value;
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage);
                    return 0;
                default:
                    error.WriteLine($"vla bench sim: bad argument '{args[i]}'{(value is null ? "" : $" '{value}'")} (--sizes takes sizes in 8..1024 separated by commas, --calls >= 10, --seeds >= 0)\n{Usage}");
                    return 2;
            }
            i++;
        }

        var bench = new MicroBenchmark();
        var rows = sizes.SelectMany(size => SimWorkloads.Run(size, calls, bench)).ToList();
        var expert = seeds > 0 ? SimWorkloads.ExpertSuccess(seeds) : default;
        var text = Format(bench, rows, expert, seeds);
        output.Write(text);
        File.WriteAllText(report, text);
        output.WriteLine($"report written to {Path.GetFullPath(report)}");
        return 0;
    }

    private static bool TryParseSizes(string? value, out int[] sizes)
    {
        sizes = [];
        if (value is null)
            return false;
        var parts = value.Split(',');
        var parsed = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], CultureInfo.InvariantCulture, out parsed[i]) || parsed[i] is < 8 or > 1024)
                return false;
        sizes = parsed;
        return true;
    }

    private static string Format(MicroBenchmark bench, List<BenchmarkRow> rows, (int Successes, int Episodes, double MeanSteps) expert, int seeds)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine("# vla bench sim");
        s.AppendLine(inv, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, .NET {Environment.Version}; median of {bench.Runs} runs, one thread");
        s.AppendLine();
        s.AppendLine("| operation | detail | calls/run | us/call | Hz | bytes/call |");
        s.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in rows)
            s.AppendLine(inv, $"| {r.Operation} | {r.Detail} | {r.CallsPerRun} | {r.NanosecondsPerCall / 1000:F1} | {1e9 / r.NanosecondsPerCall:F0} | {r.BytesPerCall:F0} |");
        s.AppendLine();
        var full = rows.FirstOrDefault(r => r.Operation == "full step" && r.Detail.EndsWith("128x128", StringComparison.Ordinal));
        if (full is not null)
        {
            var hz = 1e9 / full.NanosecondsPerCall;
            s.AppendLine(inv, $"full step at 128x128: {hz:F0} Hz (target >= {TargetHz:F0} Hz: {(hz >= TargetHz ? "met" : "NOT met")})");
        }
        if (seeds > 0)
            s.AppendLine(inv, $"expert success at demonstration noise: {expert.Successes}/{expert.Episodes} episodes ({100.0 * expert.Successes / expert.Episodes:F1}%), {expert.MeanSteps:F0} steps on average ({seeds} seeds x every task)");
        return s.ToString();
    }
}
