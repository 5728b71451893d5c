using VlaRosNode.Nodes.Evaluation;

namespace VlaRosNode.Cli.Commands.Decoding;

/// <summary><c>vla bench merge</c>: one table from <c>vla bench decode</c> reports of the same modes on disjoint
/// episodes (a run split across processes or seed blocks), with the paired success comparison over all of them.</summary>
public sealed class BenchMergeCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("bench merge", "REPORT.json...", minPositionals: 1, maxPositionals: int.MaxValue)
        .Value("--mode", "LABEL", "merge only this mode (repeatable; default: every mode of the first report, each report must have them)", repeatable: true)
        .Value("--report", "FILE", "writes the merged figures as JSON", defaultValue: "bench-merged.json");

    public BenchMergeCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "merge `vla bench decode` reports of the same modes on disjoint episodes into one table (paired success over all)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        try
        {
            var runs = flags.Positional.Select(path => ReportedRun.Parse(File.ReadAllText(path), path)).ToArray();
            var modes = MergedBench.Merge(runs, flags.All("--mode"));
            output.WriteLine($"{runs.Length} reports, {modes[0].Episodes.Count} episodes per mode");
            output.Write(MergedBench.Table(modes));
            var path = flags.Required("--report");
            File.WriteAllText(path, MergedBench.Json(modes, runs));
            output.WriteLine($"report written to {Path.GetFullPath(path)}");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or BenchReportFormatException or IOException)
        {
            error.WriteLine($"vla bench merge: {e.Message}");
            return 1;
        }
    });
}
