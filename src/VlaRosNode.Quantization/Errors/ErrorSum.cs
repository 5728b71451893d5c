namespace VlaRosNode.Quantization.Errors;

/// <summary>Relative L2 error accumulated over many tensors: sqrt(sum (a - e)^2 / sum e^2), plus the largest |a - e|.</summary>
internal sealed class ErrorSum
{
    private double _difference;
    private double _reference;

    public double MaxAbsolute { get; private set; }

    public double Relative => _reference > 0 ? Math.Sqrt(_difference / _reference) : _difference > 0 ? double.PositiveInfinity : 0;

    public void Add(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        if (actual.Length != expected.Length)
            throw new ArgumentException($"{actual.Length} values compared with {expected.Length}");
        for (var i = 0; i < actual.Length; i++)
        {
            double d = actual[i] - expected[i];
            _difference += d * d;
            _reference += (double)expected[i] * expected[i];
            MaxAbsolute = Math.Max(MaxAbsolute, Math.Abs(d));
        }
    }
}
