namespace VlaRosNode.Kinematics.Filtering;

/// <summary>
/// One <see cref="KinematicKalmanFilter"/> per action dimension (e.g. dx, dy, dz, droll, dpitch, dyaw, gripper):
/// KERV's compensation fills rejected dimensions of an action with these forecasts.
/// </summary>
public sealed class ActionStreamFilter
{
    private readonly KinematicKalmanFilter[] filters;

    public ActionStreamFilter(int dimensions, KalmanOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        filters = Enumerable.Range(0, dimensions).Select(_ => new KinematicKalmanFilter(options)).ToArray();
    }

    public int Dimensions => filters.Length;

    /// <summary>Actions observed since the last reset.</summary>
    public int Count => filters[0].Updates;

    public KinematicKalmanFilter this[int dimension] => filters[dimension];

    /// <summary>Feeds one executed action (predict + update in every dimension).</summary>
    public void Observe(ReadOnlySpan<double> action)
    {
        if (action.Length != filters.Length)
            throw new ArgumentException($"expected {filters.Length} action dimensions, got {action.Length}", nameof(action));
        for (var d = 0; d < filters.Length; d++)
            filters[d].Observe(action[d]);
    }

    /// <summary>The action expected <paramref name="steps"/> steps after the last observed one.</summary>
    public void Forecast(int steps, Span<double> action)
    {
        if (action.Length != filters.Length)
            throw new ArgumentException($"expected {filters.Length} action dimensions, got {action.Length}", nameof(action));
        for (var d = 0; d < filters.Length; d++)
            action[d] = filters[d].Forecast(steps);
    }

    public void Reset()
    {
        foreach (var filter in filters)
            filter.Reset();
    }
}
