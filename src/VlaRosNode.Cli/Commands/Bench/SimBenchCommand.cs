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

    private static readonly CommandOptions Options = new CommandOptions("bench sim")
        .Value("--sizes", "N,N,...", "image sizes in 8..1024", defaultValue: "128,224")
        .Value("--calls", "N", "steps per timed run", defaultValue: "1000")
        .Value("--seeds", "N", "seeds per task for the expert success rate (0: skip)", defaultValue: "10")
        .Value("--report", "FILE", "report file", defaultValue: "sim-bench.md");

    public string Name => Options.Command;
    public string Summary => "time simulator steps with both cameras rendered, per image size (--sizes, --calls, --seeds, --report)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var sizes = flags.Required("--sizes").Split(',').Select(size => ParsedOptions.ParseInteger("--sizes", size, 8, 1024)).ToArray();
        var calls = flags.Integer("--calls", 10, int.MaxValue);
        var seeds = flags.Integer("--seeds", 0, int.MaxValue);
        var report = flags.Required("--report");
        var bench = new MicroBenchmark();
        var rows = sizes.SelectMany(size => SimWorkloads.Run(size, calls, bench)).ToList();
        var expert = seeds > 0 ? SimWorkloads.ExpertSuccess(seeds) : default;
        var text = Format(bench, rows, expert, seeds);
        ReportFile.Save(output, report, text);
        return 0;
    });

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
