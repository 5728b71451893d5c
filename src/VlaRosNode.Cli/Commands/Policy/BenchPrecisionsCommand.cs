using VlaRosNode.Policy.Benchmarks;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Cli.Commands.Policy;

/// <summary><c>vla bench precisions --model DIR</c>: decode-1 and verify-8 cost and file size of each precision
/// variant, round-robin in one process, ratios to fp32; table + report file.</summary>
public sealed class BenchPrecisionsCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("bench precisions")
        .Value("--model", "DIR", "model package", required: true)
        .List("--precisions", "P", "precisions to compare, the first is the baseline (default: every one the decoder has, fp32 first)")
        .Value("--threads", "N", "intra-op threads", defaultValue: "1")
        .Value("--iterations", "N", "timed calls per call kind and round", defaultValue: "100")
        .Value("--rounds", "N", "round-robin rounds over the precisions", defaultValue: "5")
        .Value("--report", "FILE", "report file", defaultValue: "bench-precisions-report.md");

    public BenchPrecisionsCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "decode-1 / verify-8 cost and file size of each precision variant (fp32, int8, int4), ratios to fp32";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var model = flags.ExistingPath("--model");
        var threads = flags.Integer("--threads", 1, int.MaxValue);
        var iterations = flags.Integer("--iterations", 1, int.MaxValue);
        var rounds = flags.Integer("--rounds", 1, int.MaxValue);
        var report = flags.Required("--report");
        try
        {
            var manifest = ModelPackage.Load(model).Manifest;
            IReadOnlyList<string> precisions = flags.All("--precisions").Count > 0 ? flags.All("--precisions")
                : manifest.Decoder.Variants.Select(v => v.Key).OrderBy(p => p == "fp32" ? 0 : 1).ToArray();
            var costs = PrecisionBenchmark.Run(model, precisions, new EngineOptions { IntraOpThreads = threads },
                p => BenchEngineCommand.SyntheticObservation(p, "pick up the red cube"), iterations, rounds);
            var settings = $"{threads} intra-op thread(s), CPU, {rounds} rounds x {iterations} timed calls per call kind and precision";
            output.WriteLine($"{manifest.Name}: {settings}");
            output.Write(PrecisionBenchmarkReport.Table(costs));
            File.WriteAllText(report, PrecisionBenchmarkReport.Markdown(costs, manifest.Name, settings));
            output.WriteLine($"report: {Path.GetFullPath(report)}");
            return 0;
        }
        catch (ModelPackageException e)
        {
            error.WriteLine($"vla bench precisions: {e.Message}");
            return 1;
        }
    });
}
