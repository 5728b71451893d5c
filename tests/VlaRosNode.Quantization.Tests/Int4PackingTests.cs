using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using VlaRosNode.Quantization.Schemes;

namespace VlaRosNode.Quantization.Tests;

public sealed class Int4PackingTests
{
    [Test]
    public void A_hand_computed_case_gives_the_expected_nibbles_and_scales()
    {
        // W [K=3, N=2], blocks of 2 rows: column 0 = (0.7, -0.3 | 0.1, pad), column 1 = (-1.4, 0.2 | 0, pad).
        float[] w = [0.7f, -1.4f, -0.3f, 0.2f, 0.1f, 0f];
        var q = Int4Blocks.Quantize(w, k: 3, n: 2, blockSize: 2);

        // scale = max|w| / 7 per (column, block); code = round(w / scale) + 8; even row low nibble, odd row high.
        // col 0 block 0: scale 0.1, codes 7+8=15, -3+8=5 -> 0x5F; block 1: scale 0.1/7, code 15, padding 8 -> 0x8F
        // col 1 block 0: scale 0.2, codes -7+8=1, 1+8=9 -> 0x91; block 1: all zero, scale 0, codes 8, 8 -> 0x88
        Assert.That(q.Packed, Is.EqualTo(new byte[] { 0x5F, 0x8F, 0x91, 0x88 }));
        Assert.That(q.Scales, Is.EqualTo(new[] { 0.1f, 0.1f / 7, 0.2f, 0f }).Within(1e-7f));
        Assert.That(q.BlocksPerColumn, Is.EqualTo(2));
        Assert.That(q.Dequantize(), Is.EqualTo(new[] { 0.7f, -1.4f, -0.3f, 0.2f, 0.1f, 0f }).Within(1e-6f));
    }

    [Test]
    public void Every_value_is_within_half_a_step_of_its_block()
    {
        const int k = 70, n = 5, block = 16; // K not a multiple of the block: the last block is padded
        var w = OneMatMulModel.Random(k * n, seed: 3);
        var q = Int4Blocks.Quantize(w, k, n, block);
        var back = q.Dequantize();
        for (var row = 0; row < k; row++)
            for (var col = 0; col < n; col++)
            {
                var scale = q.Scales[col * q.BlocksPerColumn + row / block];
                Assert.That(Math.Abs(back[row * n + col] - w[row * n + col]), Is.LessThanOrEqualTo(scale / 2 + 1e-6f), $"w[{row}, {col}]");
            }
    }

    [TestCase(0)]
    [TestCase(4)]
    public void Onnx_runtime_multiplies_by_exactly_the_dequantised_weight(int accuracyLevel)
    {
        const int rows = 3, k = 96, n = 7;
        var w = OneMatMulModel.Random(k * n, seed: 1);
        var a = OneMatMulModel.Random(rows * k, seed: 2);
        var model = MatMulRewriter.Rewrite(OneMatMulModel.Build(w, k, n), new Int4MatMulNBits(32, accuracyLevel), out var rewritten);
        Assert.That(rewritten.Single().K, Is.EqualTo(k));
        Assert.That(model.Graph.Node.Single().OpType, Is.EqualTo("MatMulNBits"));
        Assert.That(model.Graph.Initializer.Select(t => t.Name), Does.Not.Contain("W"), "the fp32 weight is dropped");

        var expected = OneMatMulModel.Multiply(a, Int4Blocks.Quantize(w, k, n, 32).Dequantize(), rows, k, n);
        var actual = Run(model, a, rows, k);
        // Level 0 computes in fp32: only summation order differs. Level 4 quantises A to int8 per block too.
        var tolerance = accuracyLevel == 0 ? 1e-4f : 0.05f;
        Assert.That(actual, Is.EqualTo(expected).Within(tolerance));
    }

    [Test]
    public void Int8_dynamic_runs_in_onnx_runtime_close_to_fp32()
    {
        const int rows = 4, k = 64, n = 9;
        var w = OneMatMulModel.Random(k * n, seed: 4);
        var a = OneMatMulModel.Random(rows * k, seed: 5);
        var model = MatMulRewriter.Rewrite(OneMatMulModel.Build(w, k, n), new Int8Dynamic(), out _);
        Assert.That(model.Graph.Node.Select(x => x.OpType),
            Is.EqualTo(new[] { "DynamicQuantizeLinear", "Mul", "MatMulInteger", "Cast", "Mul" }));
        var expected = OneMatMulModel.Multiply(a, w, rows, k, n);
        var actual = Run(model, a, rows, k);
        var worst = actual.Zip(expected, (x, e) => Math.Abs(x - e)).Max();
        Assert.That(worst, Is.GreaterThan(0f), "quantised, so not exact");
        Assert.That(worst, Is.LessThan(0.1f), "|y| is about 4 here; uint8 activations and int8 weights");
    }

    private static float[] Run(ModelProto model, float[] a, int rows, int k)
    {
        using var session = new InferenceSession(model.ToByteArray());
        using var input = OrtValue.CreateTensorValueFromMemory(a, [rows, k]);
        using var results = session.Run(new RunOptions(), ["A"], [input], ["Y"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
