namespace VlaRosNode.Nodes.Replay;

/// <summary>
/// How far one action stream is from a reference, per dimension: share of steps whose token differs, mean bin
/// distance, mean and largest absolute difference of the metric action. A reference value that is NaN (a recorded
/// command without a gripper joint) leaves that dimension of that step out.
/// </summary>
public sealed class ActionErrors(int dimensions)
{
    private readonly int[] _compared = new int[dimensions];
    private readonly int[] _mismatches = new int[dimensions];
    private readonly double[] _bins = new double[dimensions];
    private readonly double[] _absolute = new double[dimensions];
    private readonly double[] _largest = new double[dimensions];

    public int Dimensions => dimensions;
    public int Steps { get; private set; }

    /// <summary>Steps whose every compared token equals the reference's.</summary>
    public int ExactSteps { get; private set; }

    public void Add(ReadOnlySpan<int> tokens, ReadOnlySpan<float> action, ReadOnlySpan<int> referenceTokens, ReadOnlySpan<float> reference)
    {
        var exact = true;
        for (var d = 0; d < dimensions; d++)
        {
            if (float.IsNaN(reference[d]))
                continue;
            _compared[d]++;
            var bins = Math.Abs(tokens[d] - referenceTokens[d]);
            _mismatches[d] += bins == 0 ? 0 : 1;
            exact &= bins == 0;
            _bins[d] += bins;
            var error = Math.Abs((double)action[d] - reference[d]);
            _absolute[d] += error;
            _largest[d] = Math.Max(_largest[d], error);
        }
        Steps++;
        ExactSteps += exact ? 1 : 0;
    }

    public double ExactRate => Steps == 0 ? double.NaN : 100.0 * ExactSteps / Steps;
    public double TokenMismatchRate(int d) => Of(_mismatches[d] * 100.0, _compared[d]);
    public double MeanBinDistance(int d) => Of(_bins[d], _compared[d]);
    public double MeanAbsoluteError(int d) => Of(_absolute[d], _compared[d]);
    public double MaxAbsoluteError(int d) => _compared[d] == 0 ? double.NaN : _largest[d];

    /// <summary>The mean over the dimensions that were compared at all.</summary>
    public double Mean(Func<int, double> perDimension) =>
        Enumerable.Range(0, dimensions).Select(perDimension).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();

    private static double Of(double sum, int count) => count == 0 ? double.NaN : sum / count;
}
