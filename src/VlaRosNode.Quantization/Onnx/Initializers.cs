using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace VlaRosNode.Quantization.Onnx;

/// <summary>Reads float initializers and makes new ones (raw little-endian data, as exporters write them).</summary>
internal static class Initializers
{
    public const int Float = (int)TensorProto.Types.DataType.Float;

    /// <summary>Elements a tensor of these dims holds; -1 for a negative dim or an overflowing count.</summary>
    public static long ElementCount(TensorProto t)
    {
        long count = 1;
        foreach (var d in t.Dims)
        {
            if (d < 0 || (d > 0 && count > long.MaxValue / d))
                return -1;
            count *= d;
        }
        return count;
    }

    /// <summary>The values of a float tensor (raw_data or float_data); the caller has checked its type and size.</summary>
    public static float[] Floats(TensorProto t) =>
        t.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray() : t.FloatData.ToArray();

    public static TensorProto Make<T>(string name, TensorProto.Types.DataType type, ReadOnlySpan<T> values, params long[] dims)
        where T : unmanaged
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
