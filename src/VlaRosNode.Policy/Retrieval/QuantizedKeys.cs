using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace VlaRosNode.Policy.Retrieval;

/// <summary>
/// An int8 copy of a collection's keys for the first pass of its search: a quarter of the bytes to read, so a step
/// whose caches the decoder's weights have just flushed waits less for memory. Each key is scaled so its largest
/// component is 127; its rounding error is kept as a norm, which bounds how far an approximate dot product can be
/// from the exact one (Cauchy-Schwarz), so the search can prove which entries it need not score exactly.
/// </summary>
internal sealed class QuantizedKeys(int dimension)
{
    private sbyte[] _codes = [];
    private float[] _inverseScale = []; // per entry: code * inverse scale = the rounded component
    private float[] _roundedNorm = [];  // per entry: |rounded key|
    private float[] _errorNorm = [];    // per entry: |key - rounded key|

    public int Dimension { get; } = dimension;
    public int Count { get; private set; }

    /// <summary>Codes the keys <c>Count..</c> of <paramref name="keys"/> (row-wise) that were added since the last call.</summary>
    public void CatchUp(ReadOnlySpan<float> keys)
    {
        var total = keys.Length / Dimension;
        if (total <= Count)
            return;
        if (total > _inverseScale.Length)
        {
            var capacity = Math.Max(total, 2 * _inverseScale.Length);
            Array.Resize(ref _codes, capacity * Dimension);
            Array.Resize(ref _inverseScale, capacity);
            Array.Resize(ref _roundedNorm, capacity);
            Array.Resize(ref _errorNorm, capacity);
        }
        for (var e = Count; e < total; e++)
            (_inverseScale[e], _roundedNorm[e], _errorNorm[e]) = Code(keys.Slice(e * Dimension, Dimension), _codes.AsSpan(e * Dimension, Dimension));
        Count = total;
    }

    /// <summary>Writes int8 codes of <paramref name="vector"/>; returns the factor back to its scale and the norms of the
    /// rounded vector and of its rounding error. A zero vector codes as zeros with no error.</summary>
    public static (float InverseScale, float RoundedNorm, float ErrorNorm) Code(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var largest = Math.Abs(TensorPrimitives.MaxMagnitude(vector)); // MaxMagnitude keeps the sign
        if (largest == 0)
        {
            codes.Clear();
            return (0, 0, 0);
        }
        var scale = 127f / largest; // keys are finite (Add normalises, the file loader checks), the search checks the query
        var inverse = 1f / scale;
        double rounded = 0, error = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * scale), -127, 127);
            double value = codes[i] * inverse, difference = vector[i] - value;
            rounded += value * value;
            error += difference * difference;
        }
        return (inverse, (float)Math.Sqrt(rounded), (float)Math.Sqrt(error));
    }

    /// <summary>For every entry, the approximate dot product with the query coded by <see cref="Code"/> and the most
    /// the exact one can exceed it by.</summary>
    public void Approximate(ReadOnlySpan<sbyte> query, float queryInverseScale, float queryNorm, float queryErrorNorm,
        Span<float> approximate, Span<float> upper)
    {
        for (var e = 0; e < Count; e++)
        {
            var value = Dot(query, _codes.AsSpan(e * Dimension, Dimension)) * queryInverseScale * _inverseScale[e];
            approximate[e] = value;
            // q.k - q'.k' = (q - q').k' + q.(k - k'); the margin covers float rounding here and in the exact dot.
            upper[e] = value + queryErrorNorm * _roundedNorm[e] + queryNorm * _errorNorm[e] + RoundingMargin;
        }
    }

    /// <summary>Covers the float rounding of the approximation and of the exact 384-term dot product it is compared with.</summary>
    private const float RoundingMargin = 1e-4f;

    /// <summary>Whether this CPU has the integer kernels that make the int8 pass worth it (elsewhere the search scans
    /// the float keys only).</summary>
    public static bool IsAccelerated => Avx512BW.IsSupported || Avx2.IsSupported;

    /// <summary>Integer dot product of two int8 vectors, with the widest kernel this CPU has.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b) =>
        Avx512BW.IsSupported ? DotAvx512(a, b) : Avx2.IsSupported ? DotAvx2(a, b) : DotScalar(a, b, 0, 0);

    internal static int DotAvx512(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var accumulator = Vector512<int>.Zero;
        var i = 0;
        for (; i + 32 <= a.Length; i += 32)
            accumulator += Avx512BW.MultiplyAddAdjacent(
                Avx512BW.ConvertToVector512Int16(Vector256.Create(a.Slice(i, 32))),
                Avx512BW.ConvertToVector512Int16(Vector256.Create(b.Slice(i, 32))));
        return DotScalar(a, b, i, Vector512.Sum(accumulator));
    }

    internal static int DotAvx2(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var accumulator = Vector256<int>.Zero;
        var i = 0;
        for (; i + 16 <= a.Length; i += 16)
            accumulator += Avx2.MultiplyAddAdjacent(
                Avx2.ConvertToVector256Int16(Vector128.Create(a.Slice(i, 16))),
                Avx2.ConvertToVector256Int16(Vector128.Create(b.Slice(i, 16))));
        return DotScalar(a, b, i, Vector256.Sum(accumulator));
    }

    /// <summary><paramref name="sum"/> plus the products from <paramref name="from"/> on.</summary>
    internal static int DotScalar(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b, int from, int sum)
    {
        for (var i = from; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
