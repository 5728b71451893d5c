using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Quantization.Onnx;
using VlaRosNode.Quantization.Package;
using VlaRosNode.Quantization.Schemes;

namespace VlaRosNode.Policy.Tests;

/// <summary>
/// DyQ's precisions on the fixture quantised by <c>vla model quantize</c>'s int4 MatMulNBits writer: one file per
/// accuracy_level (0/1 = fp32 activations, 4 = int8 activations) with the same int4 weights, one session each.
/// </summary>
public class Int4SwitchingTests
{
    private static readonly string[] Levels = ["int4:acc0", "int4:acc1", "int4:acc4"];
    private string _package = null!;
    private VlaPolicy _policy = null!;
    private VlaPolicy _fp32 = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _package = Fixture.CopyPackage();
        PackageQuantizer.Quantize(_package, [new Int4MatMulNBits(), new Int4MatMulNBits(AccuracyLevel: 0, Plain: false), new Int4MatMulNBits(AccuracyLevel: 1, Plain: false)]);
        _policy = VlaPolicy.Open(_package, new EngineOptions { Precision = Levels[0], SwitchablePrecisions = Levels });
        _fp32 = VlaPolicy.Open(_package);
    }

    [OneTimeTearDown]
    public void Close()
    {
        _policy.Dispose();
        _fp32.Dispose();
        Directory.Delete(_package, recursive: true);
    }

    [Test]
    public void Each_accuracy_level_is_its_own_file_with_every_MatMulNBits_at_that_level_and_the_same_weights()
    {
        var files = _policy.Package.Manifest.Decoder.Files;
        Assert.That(files["int4:acc4"], Is.EqualTo(files["int4"]), "the plain int4 file is also entered under its level");
        Assert.That(Levels.Select(l => files[l]).Distinct().Count(), Is.EqualTo(3));
        var plain = OnnxModelFile.Load(Path.Combine(_package, files["int4"]));
        foreach (var (level, precision) in new[] { (0, "int4:acc0"), (1, "int4:acc1"), (4, "int4:acc4") })
        {
            var model = OnnxModelFile.Load(Path.Combine(_package, files[precision]));
            var levels = model.Graph.Node.Where(n => n.OpType == "MatMulNBits").Select(n => n.Attribute.Single(a => a.Name == "accuracy_level").I).ToArray();
            Assert.That(levels, Has.Length.EqualTo(2 * 4 + 1).And.All.EqualTo(level), $"{precision}: q, k, v, o, up, down... every quantised MatMul");
            Assert.That(model.Graph.Initializer.Select(t => (t.Name, t.RawData)), Is.EqualTo(plain.Graph.Initializer.Select(t => (t.Name, t.RawData))),
                $"{precision}: the same int4 weights");
        }
    }

    [Test]
    public void Each_accuracy_level_is_close_to_fp32_and_int8_activations_differ()
    {
        // Logits, not tokens: the fixture's weights are random, so its logits are nearly flat and any quantisation
        // flips the argmax; the trained package is compared on actions by `vla bench decode`.
        var logits = Levels.ToDictionary(level => level, level => PrefillLogits(_policy, level));
        var fp32 = PrefillLogits(_fp32, "fp32");
        foreach (var level in Levels)
            Assert.That(Worst(logits[level], fp32), Is.LessThan(0.5), $"{level}: largest logit difference from fp32");
        Assert.That(Worst(logits["int4:acc0"], logits["int4:acc1"]), Is.Zero, "levels 0 and 1 both compute in fp32");
        Assert.That(Worst(logits["int4:acc0"], logits["int4:acc4"]), Is.GreaterThan(0), "level 4 quantises activations to int8");
    }

    [Test]
    public void Switching_mid_action_with_the_cache_carried_gives_the_logits_of_no_switch()
    {
        // The fp32 greedy action fed token by token: once all at acc0, once switching to acc1 (the same fp32
        // arithmetic in another session) after three tokens. Any loss or misplacement of the cache across the
        // switch changes the later logits.
        var tokens = Fixture.Expected.GreedyTokens;
        var unswitched = FeedAll(switchAt: -1, "int4:acc1");
        var switched = FeedAll(switchAt: 3, "int4:acc1");
        Assert.That(switched, Is.EqualTo(unswitched));
        var toInt8 = FeedAll(switchAt: 3, "int4:acc4");
        Assert.That(toInt8.Take(3), Is.EqualTo(unswitched.Take(3)));
        Assert.That(Worst(toInt8[3], unswitched[3]), Is.GreaterThan(0), "the switch took effect");
        Assert.That(Worst(toInt8[^1], unswitched[^1]), Is.LessThan(0.5));

        float[][] FeedAll(int switchAt, string to)
        {
            var context = ContextCapture.Capture(_policy, Fixture.Expected.Observation);
            _policy.Model.SetPrecision("int4:acc0");
            var rows = new List<float[]> { DecodingContext.LastRow(context.Prefill(context.Target), context.Target.VocabularySize).ToArray() };
            for (var i = 0; i + 1 < tokens.Length; i++)
            {
                if (i + 1 == switchAt)
                    _policy.Model.SetPrecision(to);
                rows.Add(context.Feed(context.Target, tokens[i]).ToArray());
            }
            Assert.That(context.Target.Length, Is.EqualTo(context.PrefixLength + tokens.Length - 1), "one cache grew across the switch");
            return rows.ToArray();
        }
    }

    private static float[] PrefillLogits(VlaPolicy policy, string precision)
    {
        policy.Model.SetPrecision(precision);
        var context = ContextCapture.Capture(policy, Fixture.Expected.Observation);
        return context.Prefill(context.Target).ToArray();
    }

    private static float Worst(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
}
