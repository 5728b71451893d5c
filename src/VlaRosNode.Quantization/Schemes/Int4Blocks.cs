namespace VlaRosNode.Quantization.Schemes;

/// <summary>
/// A [K, N] weight in ONNX Runtime's MatMulNBits 4-bit layout: per output column n and block b of
/// <see cref="BlockSize"/> rows, <see cref="BlockSize"/>/2 bytes; byte j holds row b*BlockSize + 2j in its low
/// nibble and the next row in its high nibble. Symmetric: value = (q - 8) * scale, q in 0..15, one scale per
/// (column, block) in <see cref="Scales"/> [N * blocks]; 8 is MatMulNBits' zero point when none is given, so the
/// graph carries no zero points. Rows past K (the last block's padding) hold 8, i.e. zero.
/// </summary>
public sealed class Int4Blocks
{
    public const int ZeroPoint = 8;
    private const int MaxMagnitude = 7; // symmetric: -7..7 around the zero point, so +-max|w| are both exact

    private Int4Blocks(byte[] packed, float[] scales, int k, int n, int blockSize)
    {
        Packed = packed;
        Scales = scales;
        K = k;
        N = n;
        BlockSize = blockSize;
    }

    public byte[] Packed { get; }
    public float[] Scales { get; }
    public int K { get; }
    public int N { get; }
    public int BlockSize { get; }
    public int BlocksPerColumn => (K + BlockSize - 1) / BlockSize;

    /// <summary>Quantises <paramref name="weight"/> [K, N] (row-major, as a MatMul's B) block by block.</summary>
    public static Int4Blocks Quantize(ReadOnlySpan<float> weight, int k, int n, int blockSize)
    {
        if (blockSize < 2 || blockSize % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(blockSize), $"{blockSize} is not an even block size");
        if (weight.Length != (long)k * n)
            throw new ArgumentException($"{weight.Length} values are not a [{k}, {n}] matrix", nameof(weight));
        var blocks = (k + blockSize - 1) / blockSize;
        var packed = new byte[n * blocks * blockSize / 2];
        var scales = new float[n * blocks];
        for (var col = 0; col < n; col++)
            for (var b = 0; b < blocks; b++)
            {
                var first = b * blockSize;
                var rows = Math.Min(blockSize, k - first);
                var max = 0f;
                for (var r = 0; r < rows; r++)
                    max = Math.Max(max, Math.Abs(weight[(first + r) * n + col]));
                var scale = max / MaxMagnitude;
                scales[col * blocks + b] = scale;
                var block = packed.AsSpan((col * blocks + b) * blockSize / 2, blockSize / 2);
                for (var j = 0; j < blockSize / 2; j++)
                {
                    var low = Code(weight, first + 2 * j, k, n, col, scale);
                    var high = Code(weight, first + 2 * j + 1, k, n, col, scale);
                    block[j] = (byte)(low | (high << 4));
                }
            }
        return new Int4Blocks(packed, scales, k, n, blockSize);
    }

    /// <summary>The weight the packed form stands for, [K, N] row-major: what MatMulNBits multiplies by.</summary>
    public float[] Dequantize()
    {
        var weight = new float[K * N];
        var blocks = BlocksPerColumn;
        for (var col = 0; col < N; col++)
            for (var row = 0; row < K; row++)
            {
                var b = row / BlockSize;
                var j = row % BlockSize;
                var packed = Packed[(col * blocks + b) * BlockSize / 2 + j / 2];
                var code = j % 2 == 0 ? packed & 0x0F : packed >> 4;
                weight[row * N + col] = (code - ZeroPoint) * Scales[col * blocks + b];
            }
        return weight;
    }

    private static int Code(ReadOnlySpan<float> weight, int row, int k, int n, int col, float scale) =>
        row >= k || scale == 0 ? ZeroPoint
            : ZeroPoint + (int)Math.Clamp(MathF.Round(weight[row * n + col] / scale, MidpointRounding.ToEven), -MaxMagnitude, MaxMagnitude);
}
