using System.Globalization;
using VlaRosNode.Bag;
using VlaRosNode.Cli.Commands.Eval;
using VlaRosNode.Kinematics.Urdf;
using VlaRosNode.Nodes.Replay;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Package;
using VlaRosNode.Quantization.Errors;
using VlaRosNode.Quantization.Onnx;
using VlaRosNode.Quantization.Package;
using VlaRosNode.Quantization.Schemes;

namespace VlaRosNode.Cli.Commands.Model;

/// <summary><c>vla model quantize DIR</c>: int8 dynamic and int4 MatMulNBits variants of a package's decoder and
/// drafter, written into the package and its manifest, each loaded and run once with ONNX Runtime; then every
/// variant's error against fp32 (per MatMul, logits, argmax) on observations recorded in the simulator or bags.</summary>
public sealed class ModelQuantizeCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("model quantize", "DIR", 1, 1)
        .Choice("--precision", ["int8", "int4"], "variant to write (default both)", repeatable: true)
        .Value("--block-size", "N", "int4 block size, a power of two >= 16", defaultValue: "32")
        .Value("--accuracy-level", "L", "int4 MatMulNBits activation precision, one file each (the first is int4, every one is " +
            "int4:accL): 0/1 fp32, 2 fp16, 3 bf16, 4 int8 (default 4, then 0 for DyQ's full precision)", repeatable: true)
        .Value("--episodes", "N", "simulator expert episodes recorded for the error report", defaultValue: "2")
        .Value("--every", "S", "record every S-th step of each episode or bag", defaultValue: "10")
        .Value("--seed", "S", "seed of the first recorded episode", defaultValue: "500000")
        .Value("--report", "FILE", "markdown report; the same numbers go to FILE with .json", defaultValue: "quantize-report.md")
        .Value("--bag", "BAG", "measure the errors on this recorded bag's observations instead of the simulator's", repeatable: true)
        .BagObservationOptions();

    public ModelQuantizeCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "write int8 (dynamic) and int4 (MatMulNBits) variants of a model package's decoder and drafter; report their error";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var directory = flags.Positional[0];
        var blockSize = flags.Integer("--block-size", 1, int.MaxValue);
        var levels = flags.All("--accuracy-level").Count == 0 ? [4, 0]
            : flags.All("--accuracy-level").Select(l => ParsedOptions.ParseWith("--accuracy-level", l, x => int.Parse(x, CultureInfo.InvariantCulture))).Distinct().ToArray();
        var int4 = levels.Select((level, i) => Int4(blockSize, level, plain: i == 0)).ToArray();
        IReadOnlyList<string> precisions = flags.All("--precision").Count > 0 ? flags.All("--precision") : ["int8", "int4"];
        var schemes = precisions.Distinct().SelectMany(p => p == "int8" ? [new Int8Dynamic()] : int4.Cast<QuantizationScheme>()).ToList();
        var episodes = flags.Integer("--episodes", 1, 10_000);
        var every = flags.Integer("--every", 1, int.MaxValue);
        var seed = flags.Integer("--seed", 0, int.MaxValue);
        var report = flags.Required("--report");
        try
        {
            var written = PackageQuantizer.Quantize(directory, schemes);
            var (observations, source) = Observations(flags, directory, episodes, every, seed);
            var errors = QuantizationErrors.Measure(directory, observations);
            output.WriteLine("every variant is named in manifest.yaml and ran one policy step in ONNX Runtime");
            output.WriteLine($"errors against fp32 on {source}:");
            output.Write(QuantizationReport.Table(written, errors));
            File.WriteAllText(report, QuantizationReport.Markdown(directory, source, written, errors));
            File.WriteAllText(Path.ChangeExtension(report, ".json"), QuantizationReport.Json(directory, source, written, errors));
            output.WriteLine($"report: {Path.GetFullPath(report)} (+ .json)");
            return 0;
        }
        catch (Exception e) when (e is ModelPackageException or OnnxModelException or IOException or ArgumentException
                                   or ReplayException or BagFormatException or UrdfException)
        {
            error.WriteLine($"vla model quantize: {e.Message}");
            return 1;
        }
    });

    /// <summary>The recorded bags' observations (--bag), else the simulator's scripted expert's; and what they are.</summary>
    private static (IReadOnlyList<Observation>, string) Observations(ParsedOptions flags, string directory, int episodes, int every, int seed)
    {
        var cameras = ModelPackage.Load(directory).Manifest.Image.Cameras;
        if (flags.Has("--bag"))
        {
            var bags = flags.All("--bag");
            var fromBags = BagRecordedObservations.Record(bags, BagObservationFlags.Parse(flags, cameras), every);
            return (fromBags, $"{fromBags.Count} observations of {bags.Count} recorded bag(s) (one step in {every})");
        }
        var simulated = ExpertObservations.Record(cameras, episodes, every, seed);
        return (simulated, $"{simulated.Count} simulator observations (scripted expert, {episodes} episode(s) from seed {seed}, one step in {every})");
    }

    /// <summary>The int4 scheme; its own checks (power of two, known level) are about the command line.</summary>
    private static Int4MatMulNBits Int4(int blockSize, int accuracyLevel, bool plain)
    {
        try
        {
            return new Int4MatMulNBits(blockSize, accuracyLevel, plain).Validated();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
