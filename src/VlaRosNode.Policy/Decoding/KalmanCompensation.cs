using VlaRosNode.Kinematics.Filtering;
using VlaRosNode.Policy.Actions;

namespace VlaRosNode.Policy.Decoding;

/// <summary>
/// KERV's compensation: the last executed actions (as normalised bin centres) run through one Kalman filter per
/// dimension; the one-step forecast, re-encoded to action tokens, fills dimensions the target did not confirm.
/// </summary>
public sealed class KalmanCompensation(int context, KalmanOptions options)
{
    private readonly Queue<double[]> _history = new();
    private ActionStreamFilter? _filter; // refitted from the prior on every fill; kept so a fill allocates nothing

    /// <summary>Actions needed before a forecast means anything (one gives only a value, no trend).</summary>
    public const int MinimumHistory = 2;

    public int Count => _history.Count;

    /// <summary>Records the action executed this step.</summary>
    public void Observe(ActionTokenizer actions, ReadOnlySpan<int> tokens)
    {
        var values = _history.Count == context ? _history.Dequeue() : new double[tokens.Length];
        for (var d = 0; d < tokens.Length; d++)
            values[d] = actions.BinCentre(tokens[d]);
        _history.Enqueue(values);
    }

    public void Clear() => _history.Clear();

    /// <summary>Writes the forecast of dimensions [from, n) into <paramref name="tokens"/>; false when the
    /// history is too short.</summary>
    public bool Fill(ActionTokenizer actions, Span<int> tokens, int from)
    {
        if (_history.Count < MinimumHistory)
            return false;
        if (_filter?.Dimensions != tokens.Length)
            _filter = new ActionStreamFilter(tokens.Length, options);
        var filter = _filter;
        filter.Reset();
        foreach (var action in _history)
            filter.Observe(action);
        Span<double> forecast = stackalloc double[tokens.Length];
        filter.Forecast(1, forecast);
        for (var d = from; d < tokens.Length; d++)
            tokens[d] = actions.Encode(forecast[d]);
        return true;
    }
}
