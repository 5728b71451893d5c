using VlaRosNode.Kinematics.Features;

namespace VlaRosNode.Policy.Dyq;

/// <summary>
/// DyQ's switch, decided once per control step from the end-effector history before the step's inference: S above
/// the threshold asks for full precision, otherwise the precision map's band. A higher precision is taken at once;
/// a lower one only after it has been asked for during <see cref="DyqOptions.HoldSeconds"/> of pose-stream time, and
/// then the highest precision asked for during that hold (a delicate moment inside the hold is not skipped). Until
/// both windows are full the step runs full precision. Reads no clock: time is the history's stamps.
/// </summary>
public sealed class DyqController
{
    private readonly int _full;
    private int _rank;
    private int _pendingRank;
    private double _belowSince = double.NaN;

    public DyqController(DyqOptions options)
    {
        options.Validate();
        Options = options;
        _full = options.Map.Bands.Count;
        _rank = _full;
    }

    public DyqOptions Options { get; }

    /// <summary>The precision chosen by the last <see cref="Decide"/>.</summary>
    public string Precision => NameOf(_rank);

    /// <summary>The precision the last step's score asked for (before the hold).</summary>
    public string Requested { get; private set; } = "";

    /// <summary>The last step's proxies and score (NaN while the windows fill).</summary>
    public KinematicScore Score { get; private set; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>Back to full precision with no pending switch (a new episode).</summary>
    public void BeginEpisode()
    {
        _rank = _full;
        _belowSince = double.NaN;
        Requested = "";
        Score = new KinematicScore(double.NaN, double.NaN, double.NaN);
    }

    /// <summary>Chooses this step's precision from the end-effector <paramref name="history"/> (null: none tracked).</summary>
    public string Decide(PoseHistory? history)
    {
        var requested = _full;
        if (history is not null && KinematicScore.TryCompute(history, Options, out var score))
        {
            Score = score;
            var band = score.Score > Options.Threshold ? -1 : Options.Map.BandOf(score.Score);
            requested = band < 0 ? _full : band;
        }
        else
            Score = new KinematicScore(double.NaN, double.NaN, double.NaN);
        Requested = NameOf(requested);

        if (requested >= _rank)
        {
            _rank = requested;
            _belowSince = double.NaN;
            return Precision;
        }
        var now = history!.Latest(1).Time(0); // a lower request implies a full window
        if (double.IsNaN(_belowSince))
        {
            _belowSince = now;
            _pendingRank = requested;
        }
        else
            _pendingRank = Math.Max(_pendingRank, requested);
        if (now - _belowSince >= Options.HoldSeconds)
        {
            _rank = _pendingRank;
            _belowSince = double.NaN;
        }
        return Precision;
    }

    private string NameOf(int rank) => rank == _full ? Options.FullPrecision : Options.Map.Bands[rank].Precision;
}
