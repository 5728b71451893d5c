namespace VlaRosNode.Quantization.Schemes;

/// <summary>A [K, N] weight as signed int8 with one scale per output column, symmetric (zero point 0):
/// value = q * scale, scale = max |w| of the column / 127, q in -127..127.</summary>
public sealed class Int8Columns
{
    private const int MaxMagnitude = 127;

    private Int8Columns(sbyte[] values, float[] scales, int k, int n)
    {
        Values = values;
        Scales = scales;
        K = k;
        N = n;
    }

    /// <summary>[K, N] row-major.</summary>
    public sbyte[] Values { get; }

    /// <summary>[N].</summary>
    public float[] Scales { get; }

    public int K { get; }
    public int N { get; }

    public static Int8Columns Quantize(ReadOnlySpan<float> weight, int k, int n)
    {
        if (weight.Length != (long)k * n)
            throw new ArgumentException($"{weight.Length} values are not a [{k}, {n}] matrix", nameof(weight));
        var scales = new float[n];
        for (var i = 0; i < weight.Length; i++)
            scales[i % n] = Math.Max(scales[i % n], Math.Abs(weight[i]));
        for (var col = 0; col < n; col++)
            scales[col] /= MaxMagnitude;
        var values = new sbyte[weight.Length];
        for (var i = 0; i < weight.Length; i++)
        {
            var scale = scales[i % n];
            values[i] = scale == 0 ? (sbyte)0
                : (sbyte)Math.Clamp(MathF.Round(weight[i] / scale, MidpointRounding.ToEven), -MaxMagnitude, MaxMagnitude);
        }
        return new Int8Columns(values, scales, k, n);
    }

    public float[] Dequantize()
    {
        var weight = new float[Values.Length];
        for (var i = 0; i < weight.Length; i++)
            weight[i] = Values[i] * Scales[i % N];
        return weight;
    }
}
