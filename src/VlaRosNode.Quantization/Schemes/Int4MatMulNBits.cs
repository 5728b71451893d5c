using Onnx;
using VlaRosNode.Quantization.Onnx;

namespace VlaRosNode.Quantization.Schemes;

/// <summary>
/// Weight-only int4: <c>com.microsoft</c> MatMulNBits (bits 4, symmetric, see <see cref="Int4Blocks"/>).
/// <paramref name="AccuracyLevel"/> picks the activation precision of ONNX Runtime's kernel (0/1 = fp32,
/// 4 = int8); the packed weights are the same for every level. ONNX Runtime reads the level from the node, not from a
/// session option, so DyQ's precisions are one file per level: the <paramref name="Plain"/> one is <c>int4</c> (also
/// entered as <c>int4:accN</c>), the others <c>int4:accN</c>.
/// </summary>
public sealed record Int4MatMulNBits(int BlockSize = 32, int AccuracyLevel = 4, bool Plain = true) : QuantizationScheme
{
    public const string MicrosoftDomain = "com.microsoft";
    public static readonly int[] AccuracyLevels = [0, 1, 2, 3, 4];

    public override string Precision => Plain ? "int4" : LevelName;

    public override IReadOnlyList<string> Names => Plain ? [Precision, LevelName] : [Precision];

    private string LevelName => $"int4:acc{AccuracyLevel}";

    public override string Description =>
        $"int4 weight-only MatMulNBits, block {BlockSize}, symmetric (zero point 8), accuracy_level {AccuracyLevel}";

    /// <summary>Checks the parameters MatMulNBits accepts: a power-of-two block of at least 16, a known level.</summary>
    public Int4MatMulNBits Validated()
    {
        if (BlockSize < 16 || (BlockSize & (BlockSize - 1)) != 0)
            throw new ArgumentException($"block size {BlockSize} is not a power of two >= 16 (MatMulNBits needs one)");
        if (!AccuracyLevels.Contains(AccuracyLevel))
            throw new ArgumentException($"accuracy level {AccuracyLevel} is not one of {string.Join(", ", AccuracyLevels)}");
        return this;
    }

    internal override IEnumerable<OperatorSetIdProto> ExtraOpsets => [new() { Domain = MicrosoftDomain, Version = 1 }];

    internal override IEnumerable<TensorProto> QuantizeWeight(string prefix, float[] weight, int k, int n)
    {
        var q = Int4Blocks.Quantize(weight, k, n, BlockSize);
        yield return Initializers.Make<byte>(prefix + "_Q4", TensorProto.Types.DataType.Uint8, q.Packed, n, q.BlocksPerColumn, BlockSize / 2);
        yield return Initializers.Make<float>(prefix + "_scales", TensorProto.Types.DataType.Float, q.Scales, q.Scales.Length);
    }

    internal override IEnumerable<NodeProto> Nodes(NodeProto matMul, string prefix, int k, int n)
    {
        var node = Node("MatMulNBits", matMul.Name + "_Q4", [matMul.Input[0], prefix + "_Q4", prefix + "_scales"], matMul.Output,
            MicrosoftDomain);
        node.Attribute.Add(IntAttribute("K", k));
        node.Attribute.Add(IntAttribute("N", n));
        node.Attribute.Add(IntAttribute("bits", 4));
        node.Attribute.Add(IntAttribute("block_size", BlockSize));
        node.Attribute.Add(IntAttribute("accuracy_level", AccuracyLevel));
        yield return node;
    }
}
