using VlaRosNode.Policy;
using VlaRosNode.Policy.Benchmarks;
using VlaRosNode.Policy.Images;
using VlaRosNode.Policy.Package;

namespace VlaRosNode.Cli.Commands.Policy;

/// <summary><c>vla bench engine --model DIR</c>: per-call costs of a model package's graphs, table + report file.</summary>
public sealed class BenchEngineCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("bench engine")
        .Value("--model", "DIR", "model package", required: true)
        .WithEngine()
        .Value("--iterations", "N", "timed calls per graph", defaultValue: "200")
        .Value("--precision", "P", "model precision", defaultValue: "fp32")
        .Value("--instruction", "TEXT", "instruction of the synthetic observation", defaultValue: "pick up the red cube")
        .Value("--report", "FILE", "report file", defaultValue: "bench-engine-report.md")
        .Value("--overhead-model", "DIR", "a near-empty package whose decode is the fixed per-call cost, e.g. tests/VlaRosNode.Policy.Tests/Fixtures/tiny-vla");

    public BenchEngineCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "per-call costs of vision, embed, prefill, decode and verify k=1..8 (target and drafter)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var model = flags.ExistingPath("--model");
        var iterations = flags.Integer("--iterations", 1, int.MaxValue);
        var engine = EngineFlags.Engine(flags) with { Precision = flags.Required("--precision") };
        var reportPath = flags.Required("--report");
        var instruction = flags.Required("--instruction");
        var overheadModel = flags.Has("--overhead-model") ? flags.ExistingPath("--overhead-model") : null;
        try
        {
            using var policy = VlaPolicy.Open(model, engine);
            if (policy.Model.FallbackReason is { } reason)
                error.WriteLine($"vla bench engine: {reason}");
            var rows = EngineBenchmark.Run(policy, SyntheticObservation(policy, instruction), iterations).ToList();
            if (overheadModel is not null)
            {
                using var near = VlaPolicy.Open(overheadModel, engine);
                rows.Add(EngineBenchmark.DecodeOnly($"decode 1 token of {near.Package.Manifest.Name}", near,
                    SyntheticObservation(near, instruction), iterations));
            }
            var settings = $"{engine.IntraOpThreads} intra-op thread(s), {policy.Model.Device}, {policy.Model.Precision}, {iterations} timed calls each";
            output.WriteLine($"{policy.Package.Manifest.Name}: {settings}");
            output.Write(EngineBenchmarkReport.Table(rows));
            foreach (var ratio in EngineBenchmarkReport.Ratios(rows))
                output.WriteLine(ratio);
            File.WriteAllText(reportPath, EngineBenchmarkReport.Markdown(rows, policy.Package.Manifest.Name, settings));
            output.WriteLine($"report: {Path.GetFullPath(reportPath)}");
            return 0;
        }
        catch (ModelPackageException e)
        {
            error.WriteLine($"vla bench engine: {e.Message}");
            return 1;
        }
    });

    /// <summary>128x128 noise per camera (the simulator's size): costs do not depend on pixel values.</summary>
    internal static Observation SyntheticObservation(VlaPolicy policy, string instruction)
    {
        var rng = new Random(1);
        var images = policy.Package.Manifest.Image.Cameras.Select(_ =>
        {
            var pixels = new byte[128 * 128 * 3];
            rng.NextBytes(pixels);
            return new RgbImage(128, 128, pixels);
        }).ToArray();
        return new Observation(images, instruction);
    }
}
