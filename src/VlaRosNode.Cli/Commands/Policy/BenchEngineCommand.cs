using System.Globalization;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Benchmarks;
using VlaRosNode.Policy.Images;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Cli.Commands.Policy;

/// <summary><c>vla bench engine --model DIR</c>: per-call costs of a model package's graphs, table + report file.</summary>
public sealed class BenchEngineCommand : ICliCommand
{
    private const string Usage =
        "usage: vla bench engine --model DIR [--threads N] [--iterations N] [--device cpu|cuda] [--precision P]\n" +
        "                        [--instruction TEXT] [--report FILE (default bench-engine-report.md)]\n" +
        "                        [--overhead-model DIR: a near-empty package whose decode is the fixed per-call cost,\n" +
        "                         e.g. tests/VlaRosNode.Policy.Tests/Fixtures/tiny-vla]";

    public string Name => "bench engine";
    public string Summary => "per-call costs of vision, embed, prefill, decode and verify k=1..8 (target and drafter)";

    public int Run(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }
            options[args[i][2..]] = args[i + 1];
        }
        if (!options.TryGetValue("model", out var model))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (!int.TryParse(options.GetValueOrDefault("threads", "1"), CultureInfo.InvariantCulture, out var threads) || threads < 1 ||
            !int.TryParse(options.GetValueOrDefault("iterations", "200"), CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            Console.Error.WriteLine("vla bench engine: --threads and --iterations take positive integers\n" + Usage);
            return 2;
        }
        var engine = new EngineOptions
        {
            IntraOpThreads = threads,
            Device = options.GetValueOrDefault("device", "cpu") == "cuda" ? ExecutionDevice.Cuda : ExecutionDevice.Cpu,
            Precision = options.GetValueOrDefault("precision", "fp32"),
        };
        var reportPath = options.GetValueOrDefault("report", "bench-engine-report.md");

        var instruction = options.GetValueOrDefault("instruction", "pick up the red cube");
        try
        {
            using var policy = VlaPolicy.Open(model, engine);
            if (policy.Model.FallbackReason is { } reason)
                Console.Error.WriteLine($"vla bench engine: {reason}");
            var rows = EngineBenchmark.Run(policy, SyntheticObservation(policy, instruction), iterations).ToList();
            if (options.TryGetValue("overhead-model", out var overheadModel))
            {
                using var near = VlaPolicy.Open(overheadModel, engine);
                rows.Add(EngineBenchmark.DecodeOnly($"decode 1 token of {near.Package.Manifest.Name}", near,
                    SyntheticObservation(near, instruction), iterations));
            }
            var settings = $"{threads} intra-op thread(s), {policy.Model.Device}, {policy.Model.Precision}, {iterations} timed calls each";
            Console.WriteLine($"{policy.Package.Manifest.Name}: {settings}");
            Console.Write(EngineBenchmarkReport.Table(rows));
            foreach (var ratio in EngineBenchmarkReport.Ratios(rows))
                Console.WriteLine(ratio);
            File.WriteAllText(reportPath, EngineBenchmarkReport.Markdown(rows, policy.Package.Manifest.Name, settings));
            Console.WriteLine($"report: {Path.GetFullPath(reportPath)}");
            return 0;
        }
        catch (ModelPackageException e)
        {
            Console.Error.WriteLine($"vla bench engine: {e.Message}");
            return 1;
        }
    }

    /// <summary>128x128 noise per camera (the simulator's size): costs do not depend on pixel values.</summary>
    private static Observation SyntheticObservation(VlaPolicy policy, string instruction)
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
