using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>One decoding mode of a benchmark: a label, a strategy name and its parameters.</summary>
public sealed record BenchMode(string Label, string Strategy, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>"label=strategy:a=1,b=2", "strategy:a=1" or "strategy".</summary>
    public static BenchMode Parse(string text)
    {
        var eq = text.IndexOf('=');
        var colon = text.IndexOf(':');
        var label = eq > 0 && (colon < 0 || eq < colon) ? text[..eq] : null;
        var rest = label is null ? text : text[(eq + 1)..];
        colon = rest.IndexOf(':');
        var strategy = colon < 0 ? rest : rest[..colon];
        var parameters = colon < 0 ? new Dictionary<string, string>() : Policy.Decoding.DecodingStrategies.ParseParameters([rest[(colon + 1)..]]);
        return new BenchMode(label ?? (colon < 0 ? strategy : rest), strategy, parameters);
    }
}

/// <summary>What <see cref="ClosedLoopBenchmark"/> runs: every mode over the same suites and seeds.</summary>
public sealed record DecodeBenchOptions
{
    public IReadOnlyList<BenchMode> Modes { get; init; } = Policy.Decoding.DecodingStrategies.Names.Select(BenchMode.Parse).ToArray();
    public IReadOnlyList<TaskSuite> Suites { get; init; } = Enum.GetValues<TaskSuite>();

    /// <summary>Episodes per suite; episode e runs task e mod (tasks in suite) with seed FirstSeed + e.</summary>
    public int EpisodesPerSuite { get; init; } = 50;
    public int FirstSeed { get; init; }

    /// <summary>Stops an episode after this many steps even if the simulator's own limit is higher (0 = no cap).</summary>
    public int MaxSteps { get; init; }
}
