namespace VlaRosNode.Sim.Dataset;

/// <summary>Per-dimension statistics of a set of vectors in OpenVLA's dataset_statistics.json layout: mean, std,
/// min, max and the 1st/99th percentiles (numpy's default linear interpolation), which the action tokenizer uses
/// to un-normalise.</summary>
public sealed record ActionStatistics(double[] Mean, double[] Std, double[] Min, double[] Max, double[] Q01, double[] Q99, bool[] Mask)
{
    /// <param name="rows">Row-major values, <paramref name="dimensions"/> per row.</param>
    /// <param name="normalised">Which dimensions the tokenizer normalises (false for the gripper).</param>
    public static ActionStatistics Compute(ReadOnlySpan<float> rows, int dimensions, bool[] normalised)
    {
        if (dimensions <= 0 || rows.Length == 0 || rows.Length % dimensions != 0)
            throw new ArgumentException($"{rows.Length} values are not whole rows of {dimensions}", nameof(rows));
        var count = rows.Length / dimensions;
        var stats = new ActionStatistics(new double[dimensions], new double[dimensions], new double[dimensions],
            new double[dimensions], new double[dimensions], new double[dimensions], normalised);
        var column = new double[count];
        for (var d = 0; d < dimensions; d++)
        {
            for (var i = 0; i < count; i++)
                column[i] = rows[i * dimensions + d];
            Array.Sort(column);
            var mean = column.Average();
            stats.Mean[d] = mean;
            stats.Std[d] = Math.Sqrt(column.Sum(v => (v - mean) * (v - mean)) / count);
            stats.Min[d] = column[0];
            stats.Max[d] = column[^1];
            stats.Q01[d] = Quantile(column, 0.01);
            stats.Q99[d] = Quantile(column, 0.99);
        }
        return stats;
    }

    /// <summary>numpy.quantile(..., method="linear") of sorted values.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
