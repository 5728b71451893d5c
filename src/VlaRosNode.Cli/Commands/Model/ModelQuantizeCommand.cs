using System.Globalization;
using VlaRosNode.Policy.Package;
using VlaRosNode.Quantization.Onnx;
using VlaRosNode.Quantization.Package;
using VlaRosNode.Quantization.Schemes;

namespace VlaRosNode.Cli.Commands.Model;

/// <summary><c>vla model quantize DIR</c>: int8 dynamic and int4 MatMulNBits variants of a package's decoder and
/// drafter, written into the package and its manifest, each loaded and run once with ONNX Runtime.</summary>
public sealed class ModelQuantizeCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("model quantize", "DIR", 1, 1)
        .Choice("--precision", ["int8", "int4"], "variant to write (default both)", repeatable: true)
        .Value("--block-size", "N", "int4 block size, a power of two >= 16", defaultValue: "32")
        .Value("--accuracy-level", "L", "int4 MatMulNBits activation precision: 0/1 fp32, 2 fp16, 3 bf16, 4 int8", defaultValue: "4");

    public ModelQuantizeCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "write int8 (dynamic) and int4 (MatMulNBits) variants of a model package's decoder and drafter";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var directory = flags.Positional[0];
        var int4 = Int4(flags.Integer("--block-size", 1, int.MaxValue), flags.Integer("--accuracy-level", 0, int.MaxValue));
        IReadOnlyList<string> precisions = flags.All("--precision").Count > 0 ? flags.All("--precision") : ["int8", "int4"];
        var schemes = precisions.Distinct().Select(p => p == "int8" ? (QuantizationScheme)new Int8Dynamic() : int4).ToList();
        try
        {
            var written = PackageQuantizer.Quantize(directory, schemes);
            output.WriteLine($"{"graph",-8} {"precision",-9} {"file",-22} {"bytes",10} {"MatMuls",7}  scheme");
            foreach (var v in written)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{v.Graph,-8} {v.Precision,-9} {v.File,-22} {v.Bytes,10} {v.MatMuls.Count,7}  {v.Description}"));
            output.WriteLine($"manifest.yaml names every variant; each loaded and ran one policy step in ONNX Runtime");
            return 0;
        }
        catch (Exception e) when (e is ModelPackageException or OnnxModelException or IOException)
        {
            error.WriteLine($"vla model quantize: {e.Message}");
            return 1;
        }
    });

    /// <summary>The int4 scheme; its own checks (power of two, known level) are about the command line.</summary>
    private static Int4MatMulNBits Int4(int blockSize, int accuracyLevel)
    {
        try
        {
            return new Int4MatMulNBits(blockSize, accuracyLevel).Validated();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
