using VlaRosNode.Policy.Dyq;
using VlaRosNode.Policy.TokenCache;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>One decoding mode of a benchmark: a label, a strategy name and its parameters, and optionally the decoder
/// precision it runs at (<c>@int8</c>) or DyQ switching precisions step by step (<c>@dyq</c>, <c>@dyq:FULL/LOW</c>), and
/// visual token caching (<c>+cache</c> at the end).</summary>
public sealed record BenchMode(string Label, string Strategy, IReadOnlyDictionary<string, string> Parameters)
{
    public const string CacheSuffix = "+cache";

    /// <summary>A fixed precision (a key of the package's decoder.files, optionally :accN), <c>dyq</c>[<c>:FULL/LOW</c>], or
    /// null for the precision the model was opened at.</summary>
    public string? Precision { get; init; }

    /// <summary>Whether the mode reuses visual tokens across steps (with the run's token cache settings).</summary>
    public bool TokenCache { get; init; }

    /// <summary>"label=strategy:a=1,b=2@precision", "strategy:a=1", "strategy@dyq" or "strategy", each optionally
    /// followed by "+cache".</summary>
    public static BenchMode Parse(string text)
    {
        if (text.EndsWith(CacheSuffix, StringComparison.Ordinal) && text.Length > CacheSuffix.Length)
        {
            var plain = Parse(text[..^CacheSuffix.Length]);
            return plain with { Label = LabelOf(text) is null ? plain.Label + CacheSuffix : plain.Label, TokenCache = true };
        }
        var at = text.IndexOf('@');
        var precision = at < 0 ? null : text[(at + 1)..];
        if (precision is "")
            throw new ArgumentException($"mode '{text}' has an empty precision after '@'");
        var spec = at < 0 ? text : text[..at];
        var label = LabelOf(text);
        var rest = label is null ? spec : spec[(label.Length + 1)..];
        var colon = rest.IndexOf(':');
        var strategy = colon < 0 ? rest : rest[..colon];
        var parameters = colon < 0 ? new Dictionary<string, string>() : Policy.Decoding.DecodingStrategies.ParseParameters([rest[(colon + 1)..]]);
        var mode = new BenchMode(label ?? (at < 0 ? rest : $"{rest}@{precision}"), strategy, parameters) { Precision = precision };
        _ = PolicyMode.PrecisionsOf(mode); // a malformed @dyq fails here, with the mode's text
        return mode;
    }

    /// <summary>The "label=" part of a mode's text (an '=' before any ':' or '@'), or null.</summary>
    private static string? LabelOf(string text)
    {
        var eq = text.IndexOf('=');
        var end = text.IndexOfAny([':', '@']);
        return eq > 0 && (end < 0 || eq < end) ? text[..eq] : null;
    }
}

/// <summary>What <see cref="ClosedLoopBenchmark"/> runs: every mode over the same suites and seeds.</summary>
public sealed record DecodeBenchOptions
{
    public IReadOnlyList<BenchMode> Modes { get; init; } = Policy.Decoding.DecodingStrategies.Names.Select(BenchMode.Parse).ToArray();

    /// <summary>DyQ's comparison: ar at the opened precision (fp32, the reference), static int8 and int4, DyQ alone and
    /// with heisd and kerv.</summary>
    public static IReadOnlyList<BenchMode> DyqModes { get; } =
        new[] { "fp32=ar", "int8=ar@int8", "int4=ar@int4", "dyq=ar@dyq", "dyq+heisd=heisd@dyq", "dyq+kerv=kerv@dyq" }.Select(BenchMode.Parse).ToArray();

    /// <summary>The settings of <c>@dyq</c> modes (e.g. calibrated by <c>vla dyq calibrate</c>); <c>@dyq:FULL/LOW</c>
    /// replaces their precisions.</summary>
    public DyqOptions Dyq { get; init; } = new();

    /// <summary>The settings of <c>+cache</c> modes.</summary>
    public TokenCacheOptions TokenCache { get; init; } = new();
    public IReadOnlyList<TaskSuite> Suites { get; init; } = Enum.GetValues<TaskSuite>();

    /// <summary>Episodes per suite; episode e runs task e mod (tasks in suite) with seed FirstSeed + e.</summary>
    public int EpisodesPerSuite { get; init; } = 50;
    public int FirstSeed { get; init; }

    /// <summary>Stops an episode after this many steps even if the simulator's own limit is higher (0 = no cap).</summary>
    public int MaxSteps { get; init; }
}
