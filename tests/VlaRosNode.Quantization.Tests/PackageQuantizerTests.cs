using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Quantization.Package;
using VlaRosNode.Quantization.Schemes;

namespace VlaRosNode.Quantization.Tests;

public sealed class PackageQuantizerTests
{
    private static readonly QuantizationScheme[] Schemes = [new Int8Dynamic(), new Int4MatMulNBits()];
    private string _package = "";
    private IReadOnlyList<VariantFile> _written = [];

    [OneTimeSetUp]
    public void QuantiseACopy()
    {
        _package = Fixture.CopyFp32Package();
        _written = PackageQuantizer.Quantize(_package, Schemes);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_package, recursive: true);

    [Test]
    public void Variants_of_decoder_and_drafter_are_written_and_named_in_the_manifest()
    {
        Assert.That(_written.Select(v => $"{v.Graph} {v.Precision} {v.File}"), Is.EqualTo(new[]
        {
            "decoder int8 decoder.int8.onnx", "decoder int4 decoder.int4.onnx",
            "drafter int8 drafter.int8.onnx", "drafter int4 drafter.int4.onnx",
        }));
        // The fixture: 2 layers x 4 MatMuls + the LM head; the drafter has 1 layer.
        Assert.That(_written.Select(v => v.MatMuls.Count), Is.EqualTo(new[] { 9, 9, 5, 5 }));
        var manifest = ModelPackage.Load(_package).Manifest;
        Assert.That(manifest.Decoder.Files, Is.EquivalentTo(new Dictionary<string, string>
            { ["fp32"] = "decoder.onnx", ["int8"] = "decoder.int8.onnx", ["int4"] = "decoder.int4.onnx", ["int4:acc4"] = "decoder.int4.onnx" }),
            "the int4 file is also named by its accuracy level");
        Assert.That(manifest.Drafter!.Files["int4"], Is.EqualTo("drafter.int4.onnx"));
        foreach (var v in _written)
            Assert.That(v.Bytes, Is.LessThan(new FileInfo(Path.Combine(_package, $"{v.Graph}.onnx")).Length * 0.6), v.File);
    }

    [Test]
    public void Fp32_files_are_unchanged_and_the_committed_fixture_variants_are_reproduced()
    {
        foreach (var file in new[] { "decoder.onnx", "drafter.onnx", "vision.onnx", "embed.onnx", "tokenizer.json" })
            Assert.That(File.ReadAllBytes(Path.Combine(_package, file)),
                Is.EqualTo(File.ReadAllBytes(Path.Combine(Fixture.PackageDirectory, file))), file);
        // The committed fixture's variants were written by this quantiser: it is deterministic, byte for byte.
        foreach (var v in _written)
            Assert.That(File.ReadAllBytes(Path.Combine(_package, v.File)),
                Is.EqualTo(File.ReadAllBytes(Path.Combine(Fixture.PackageDirectory, v.File))), v.File);
        var committed = File.ReadAllLines(Path.Combine(Fixture.PackageDirectory, ModelPackage.ManifestFile));
        Assert.That(File.ReadAllLines(Path.Combine(_package, ModelPackage.ManifestFile)), Is.EqualTo(committed),
            "only the files lines differ from the fp32-only manifest, written in the manifest's own style");
        Assert.That(committed.Where(l => l.Contains("files:")), Is.EqualTo(new[]
        {
            "  files: {fp32: decoder.onnx, int8: decoder.int8.onnx, int4: decoder.int4.onnx, 'int4:acc4': decoder.int4.onnx}",
            "  files: {fp32: drafter.onnx, int8: drafter.int8.onnx, int4: drafter.int4.onnx, 'int4:acc4': drafter.int4.onnx}",
        }));
    }

    [TestCase("int8", 0.15f)]
    [TestCase("int4", 0.6f)]
    public void Quantised_logits_stay_close_to_fp32_and_keep_the_action_tokens(string precision, float tolerance)
    {
        using var fp32 = VlaPolicy.Open(_package);
        using var quantised = VlaPolicy.Open(_package, new EngineOptions { Precision = precision });
        var agreed = 0;
        for (var seed = 0; seed < 4; seed++)
        {
            var observation = Fixture.Observation(seed);
            var expected = PrefillLogits(fp32, observation);
            var actual = PrefillLogits(quantised, observation);
            var worst = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
            Assert.That(worst, Is.GreaterThan(1e-4f), "a different graph from fp32");
            Assert.That(worst, Is.LessThan(tolerance), $"seed {seed}");
            var reference = fp32.Step(observation).Tokens.ToArray();
            agreed += quantised.Step(observation).Tokens.ToArray().Zip(reference, (a, e) => a == e).Count(same => same);
        }
        Assert.That(agreed, Is.GreaterThanOrEqualTo(26), "of 28 greedy action tokens");
    }

    private static float[] PrefillLogits(VlaPolicy policy, Observation observation)
    {
        var context = ContextCapture.Capture(policy, observation);
        return context.Prefill(context.Target).ToArray();
    }
}
