using Onnx;
using VlaRosNode.Quantization.Onnx;

namespace VlaRosNode.Quantization.Schemes;

/// <summary>
/// int8 dynamic: activations quantised per call (DynamicQuantizeLinear, uint8), weights 8-bit per column
/// (<see cref="Int8Columns"/>), MatMulInteger, then Cast and Mul by (activation scale x weight scales). ONNX Runtime
/// fuses this pattern into DynamicQuantizeMatMul. The weights are stored as uint8 with zero point 128 (the int8
/// code + 128): ONNX Runtime's uint8 x int8 kernel on AVX2 without VNNI adds pairs of products in int16 and
/// saturates (2 x 255 x 127 > 32767), which gave errors of 1.6 on a unit-scale test MatMul; uint8 x uint8 does not.
/// </summary>
public sealed record Int8Dynamic : QuantizationScheme
{
    public override string Precision => "int8";

    public override string Description => "int8 dynamic: DynamicQuantizeLinear (uint8 activations) + MatMulInteger, 8-bit weights per column, symmetric (uint8, zero point 128)";

    internal override IEnumerable<TensorProto> QuantizeWeight(string prefix, float[] weight, int k, int n)
    {
        var q = Int8Columns.Quantize(weight, k, n);
        var shifted = q.Values.Select(v => (byte)(v + 128)).ToArray();
        yield return Initializers.Make<byte>(prefix + "_8bit", TensorProto.Types.DataType.Uint8, shifted, k, n);
        yield return Initializers.Make<float>(prefix + "_scale", TensorProto.Types.DataType.Float, q.Scales, n);
        yield return Initializers.Make<byte>(prefix + "_zero_point", TensorProto.Types.DataType.Uint8, Enumerable.Repeat((byte)128, n).ToArray(), n);
    }

    internal override IEnumerable<NodeProto> Nodes(NodeProto matMul, string prefix, int k, int n)
    {
        var name = matMul.Name;
        string a = name + "_quantized", aScale = name + "_input_scale", aZero = name + "_input_zero_point";
        string integer = name + "_int32", real = name + "_int32_as_float", scale = name + "_output_scale";
        yield return Node("DynamicQuantizeLinear", name + "_QuantizeInput", [matMul.Input[0]], [a, aScale, aZero]);
        yield return Node("Mul", name + "_OutputScale", [aScale, prefix + "_scale"], [scale]);
        yield return Node("MatMulInteger", name + "_MatMulInteger", [a, prefix + "_8bit", aZero, prefix + "_zero_point"], [integer]);
        var cast = Node("Cast", name + "_Cast", [integer], [real]);
        cast.Attribute.Add(IntAttribute("to", Initializers.Float));
        yield return cast;
        yield return Node("Mul", name + "_Rescale", [real, scale], matMul.Output);
    }
}
