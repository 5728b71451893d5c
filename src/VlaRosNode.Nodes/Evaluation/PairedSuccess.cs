namespace VlaRosNode.Nodes.Evaluation;

/// <summary>
/// Success of a mode against the baseline on the same episodes (suite, task and seed): how many only the baseline
/// solved, how many only the mode did, and the difference in points with a 95% interval. Pairing cancels what the
/// seeds make easy or hard, so the interval is narrower than that of two independent success rates; what it does
/// not cancel is a mode's own luck, which only more episodes shrink.
/// </summary>
public readonly record struct PairedSuccess(int Episodes, int OnlyBaseline, int OnlyMode)
{
    /// <summary>Mode's success minus the baseline's, in percentage points.</summary>
    public double DifferencePoints => Episodes == 0 ? double.NaN : 100.0 * (OnlyMode - OnlyBaseline) / Episodes;

    /// <summary>Half-width of the 95% interval of <see cref="DifferencePoints"/> (normal approximation to the mean of
    /// the per-episode differences -1, 0, +1; NaN below two episodes).</summary>
    public double Ci95Points
    {
        get
        {
            if (Episodes < 2)
                return double.NaN;
            double n = Episodes, net = OnlyMode - OnlyBaseline;
            var variance = (OnlyMode + OnlyBaseline - net * net / n) / (n - 1);
            return 100 * 1.96 * Math.Sqrt(variance / n);
        }
    }

    /// <summary>Pairs the episodes of two modes by suite, task and seed; episodes only one of them ran are left out.</summary>
    public static PairedSuccess Of(IEnumerable<EpisodeRecord> baseline, IEnumerable<EpisodeRecord> mode)
    {
        var baseSuccess = baseline.ToDictionary(e => (e.Suite, e.Task, e.Seed), e => e.Success);
        int episodes = 0, onlyBaseline = 0, onlyMode = 0;
        foreach (var e in mode)
        {
            if (!baseSuccess.TryGetValue((e.Suite, e.Task, e.Seed), out var baseWon))
                continue;
            episodes++;
            if (baseWon && !e.Success)
                onlyBaseline++;
            else if (e.Success && !baseWon)
                onlyMode++;
        }
        return new PairedSuccess(episodes, onlyBaseline, onlyMode);
    }
}
