using System.Globalization;
using VlaRosNode.Cli.Commands.Decoding;
using VlaRosNode.Policy.Package;
using VlaRosNode.Quantization.Onnx;
using VlaRosNode.Quantization.Package;
using VlaRosNode.Quantization.Schemes;

namespace VlaRosNode.Cli.Commands.Model;

/// <summary><c>vla model quantize DIR</c>: int8 dynamic and int4 MatMulNBits variants of a package's decoder and
/// drafter, written into the package and its manifest, each loaded and run once with ONNX Runtime.</summary>
public sealed class ModelQuantizeCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage =
        "usage: vla model quantize DIR [--precision int8|int4 (repeatable; default both)]\n" +
        "                              [--block-size N (int4; power of two >= 16, default 32)]\n" +
        "                              [--accuracy-level L (int4 MatMulNBits activation precision: 0/1 fp32, 2 fp16, 3 bf16, 4 int8; default 4)]";

    public ModelQuantizeCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => "model quantize";
    public string Summary => "write int8 (dynamic) and int4 (MatMulNBits) variants of a model package's decoder and drafter";

    public int Run(IReadOnlyList<string> args)
    {
        string directory;
        List<QuantizationScheme> schemes;
        try
        {
            if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
                throw new ArgumentException("the package folder DIR is required");
            directory = args[0];
            var flags = new FlagArguments(args.Skip(1).ToArray(), ["precision", "block-size", "accuracy-level"]);
            var int4 = new Int4MatMulNBits(flags.Integer("block-size", 32, 1), flags.Integer("accuracy-level", 4, 0)).Validated();
            IReadOnlyList<string> precisions = flags.All("precision").Count > 0 ? flags.All("precision") : ["int8", "int4"];
            schemes = precisions.Distinct().Select(p => p switch
            {
                "int8" => (QuantizationScheme)new Int8Dynamic(),
                "int4" => int4,
                _ => throw new ArgumentException($"--precision '{p}' is not int8 or int4"),
            }).ToList();
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"vla model quantize: {e.Message}\n{Usage}");
            return 2;
        }
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
    }
}
