using Google.Protobuf;
using Onnx;
using VlaRosNode.Policy.Package;
using VlaRosNode.Quantization.Onnx;
using VlaRosNode.Quantization.Package;
using VlaRosNode.Quantization.Schemes;

namespace VlaRosNode.Quantization.Tests;

public sealed class BadModelTests
{
    private static readonly QuantizationScheme[] Schemes = [new Int8Dynamic(), new Int4MatMulNBits()];

    private static string DecoderPath => Path.Combine(Fixture.PackageDirectory, "decoder.onnx");

    [Test]
    public void A_truncated_file_is_named_as_not_valid_protobuf()
    {
        var bytes = File.ReadAllBytes(DecoderPath);
        var error = Assert.Throws<OnnxModelException>(() => OnnxModelFile.Parse(bytes[..(bytes.Length / 2)], "decoder.onnx"))!;
        Assert.That(error.File, Is.EqualTo("decoder.onnx"));
        Assert.That(error.Message, Does.StartWith("ONNX model 'decoder.onnx': not a valid ONNX protobuf (truncated or corrupted"));
    }

    [Test]
    public void A_missing_weight_initializer_names_the_node_and_the_weight()
    {
        var model = OnnxModelFile.Load(DecoderPath);
        var matMul = model.Graph.Node.First(n => n.OpType == "MatMul" && model.Graph.Initializer.Any(t => t.Name == n.Input[1]));
        model.Graph.Initializer.Remove(model.Graph.Initializer.Single(t => t.Name == matMul.Input[1]));
        var error = Assert.Throws<OnnxModelException>(() => OnnxModelFile.Parse(model.ToByteArray(), "decoder.onnx"))!;
        Assert.That(error.Problem, Does.Contain($"'{matMul.Name}' (MatMul) reads '{matMul.Input[1]}', which no graph input, initializer or earlier node defines"));
    }

    [Test]
    public void A_weight_whose_data_does_not_fit_its_shape_is_named()
    {
        var model = OnnxModelFile.Load(DecoderPath);
        var weight = model.Graph.Initializer.First(t => t.Dims.Count == 2);
        var (k, n) = (weight.Dims[0], weight.Dims[1]);
        weight.Dims[0] = k + 1;
        var error = Assert.Throws<OnnxModelException>(() => OnnxModelFile.Parse(model.ToByteArray(), "decoder.onnx"))!;
        Assert.That(error.Problem, Is.EqualTo($"initializer '{weight.Name}' of shape [{k + 1}, {n}] holds {k * n * 4} bytes, expected {(k + 1) * n * 4}"));
    }

    [Test]
    public void A_weight_of_consistent_but_wrong_shape_fails_the_fp32_check_naming_the_file()
    {
        var package = Fixture.CopyFp32Package();
        try
        {
            var path = Path.Combine(package, "decoder.onnx");
            var model = OnnxModelFile.Load(path);
            var weight = model.Graph.Initializer.First(t => t.Dims.Count == 2 && t.Dims[0] != t.Dims[1]);
            (weight.Dims[0], weight.Dims[1]) = (weight.Dims[1], weight.Dims[0]); // transposed: same data length
            OnnxModelFile.Save(model, path);
            var error = Assert.Throws<ModelPackageException>(() => PackageQuantizer.Quantize(package, Schemes))!;
            Assert.That(error.Where, Is.EqualTo("decoder.files.fp32 'decoder.onnx'"));
            Assert.That(error.Problem, Does.StartWith("ONNX Runtime cannot load it"));
            Assert.That(File.Exists(Path.Combine(package, "decoder.int4.onnx")), Is.False, "nothing written");
        }
        finally
        {
            Directory.Delete(package, recursive: true);
        }
    }

    [Test]
    public void Mutated_models_fail_with_one_OnnxModelException_or_rewrite_cleanly()
    {
        var valid = File.ReadAllBytes(DecoderPath);
        var rng = Fuzz.Random(20261127);
        int rejected = 0, accepted = 0;
        for (var i = 0; i < Fuzz.Cases(300); i++)
        {
            var mutated = Mutate(valid, rng);
            try
            {
                var model = OnnxModelFile.Parse(mutated, "decoder.onnx");
                foreach (var scheme in Schemes)
                    MatMulRewriter.Rewrite(model, scheme, out _);
                accepted++;
            }
            catch (OnnxModelException e)
            {
                Assert.That(e.Message, Does.StartWith("ONNX model 'decoder.onnx': "), $"mutation {i}");
                rejected++;
            }
        }
        Assert.That(rejected, Is.GreaterThan(50), "the mutations break files");
        Assert.That(accepted, Is.GreaterThan(10), "and some survive (e.g. changed weight bytes)");
    }

    [Test]
    public void Mutated_decoders_in_a_package_fail_with_a_typed_error_or_quantise()
    {
        var valid = File.ReadAllBytes(DecoderPath);
        var rng = Fuzz.Random(7);
        for (var i = 0; i < Fuzz.Cases(8); i++)
        {
            var package = Fixture.CopyPackage();
            try
            {
                File.WriteAllBytes(Path.Combine(package, "decoder.onnx"), Mutate(valid, rng));
                PackageQuantizer.Quantize(package, Schemes);
            }
            catch (Exception e) when (e is OnnxModelException or ModelPackageException)
            {
                Assert.That(e.Message, Does.Contain("decoder"), $"mutation {i}: {e.Message}");
            }
            finally
            {
                Directory.Delete(package, recursive: true);
            }
        }
    }

    /// <summary>Truncation, flipped bytes, a deleted or duplicated run of bytes.</summary>
    private static byte[] Mutate(byte[] valid, Random rng)
    {
        var bytes = (byte[])valid.Clone();
        switch (rng.Next(4))
        {
            case 0:
                return bytes[..rng.Next(bytes.Length)];
            case 1:
                for (var j = 1 + rng.Next(8); j > 0; j--)
                    bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                return bytes;
            case 2:
                var start = rng.Next(bytes.Length);
                return [.. bytes[..start], .. bytes[Math.Min(bytes.Length, start + 1 + rng.Next(64))..]];
            default:
                var at = rng.Next(bytes.Length);
                var run = bytes[at..Math.Min(bytes.Length, at + 1 + rng.Next(64))];
                return [.. bytes[..at], .. run, .. bytes[at..]];
        }
    }
}
