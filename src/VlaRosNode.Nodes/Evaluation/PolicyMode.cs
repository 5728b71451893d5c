using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Policy.TokenCache;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>
/// A <see cref="BenchMode"/> made runnable on one policy: its decoding strategy, and its fixed decoder precision or its
/// DyQ controller. <see cref="Apply"/> switches the policy to the mode, so modes can share one policy step by step.
/// </summary>
public sealed class PolicyMode
{
    private const string Dyq = "dyq";

    private readonly string? _precision;

    /// <exception cref="ArgumentException">Unknown strategy or parameters, a missing datastore, bad DyQ precisions.</exception>
    public PolicyMode(BenchMode mode, ActionDatastore? datastore, DyqOptions? dyq = null, TokenCacheOptions? tokenCache = null)
    {
        Mode = mode;
        TokenCacheOptions = mode.TokenCache ? tokenCache ?? new TokenCacheOptions() : null;
        Strategy = DecodingStrategies.Create(mode.Strategy, mode.Parameters, datastore);
        if (IsDyq(mode.Precision))
            Controller = new DyqController(DyqOptionsOf(mode.Precision!, dyq));
        else
            _precision = mode.Precision;
    }

    public BenchMode Mode { get; }
    public IDecodingStrategy Strategy { get; }

    /// <summary>The token cache settings of a <c>+cache</c> mode, else null.</summary>
    public TokenCacheOptions? TokenCacheOptions { get; }

    /// <summary>The mode's own cache, made on the first <see cref="Apply"/>: modes taking turns on one policy step by
    /// step each keep their stored keys/values.</summary>
    private VisualTokenCache? _cache;

    /// <summary>DyQ's controller when the mode switches precisions, else null.</summary>
    public DyqController? Controller { get; }

    /// <summary>The precisions <paramref name="mode"/> needs loaded (none beyond the model's own without '@').</summary>
    public static IReadOnlyList<string> PrecisionsOf(BenchMode mode, DyqOptions? dyq = null) =>
        IsDyq(mode.Precision) ? DyqOptionsOf(mode.Precision!, dyq).Precisions : mode.Precision is { } fixedPrecision ? [fixedPrecision] : [];

    /// <summary>Every precision the modes need beside <paramref name="opened"/>, for <c>EngineOptions.SwitchablePrecisions</c>.</summary>
    public static IReadOnlyList<string> SwitchablePrecisions(IEnumerable<BenchMode> modes, string opened, DyqOptions? dyq = null) =>
        modes.SelectMany(m => PrecisionsOf(m, dyq)).Where(p => p != opened).Distinct().ToArray();

    /// <summary>Whether <paramref name="mode"/> is the reference: plain ar at the precision the model was opened at.</summary>
    public static bool IsReference(BenchMode mode) => mode.Strategy == "ar" && mode.Parameters.Count == 0 && mode.Precision is null && !mode.TokenCache;

    /// <summary>Makes <paramref name="policy"/> run this mode; <paramref name="openedPrecision"/> is the precision of modes
    /// without '@'.</summary>
    public void Apply(VlaPolicy policy, string openedPrecision)
    {
        policy.Strategy = Strategy;
        policy.Dyq = Controller;
        if (TokenCacheOptions is not null && _cache?.Model != policy.Model)
            _cache = new VisualTokenCache(TokenCacheOptions, policy);
        policy.TokenCache = _cache;
        if (Controller is null)
            policy.Model.SetPrecision(_precision ?? openedPrecision);
    }

    public static bool IsDyq(string? precision) => precision is not null && (precision == Dyq || precision.StartsWith(Dyq + ":", StringComparison.Ordinal));

    /// <summary><c>dyq</c>: <paramref name="dyq"/> (DyQ's defaults when null); <c>dyq:FULL/LOW</c>: those settings with FULL
    /// above the threshold and LOW below it.</summary>
    public static DyqOptions DyqOptionsOf(string precision, DyqOptions? dyq = null)
    {
        var defaults = dyq ?? new DyqOptions();
        if (precision == Dyq)
            return defaults;
        var pair = precision[(Dyq.Length + 1)..].Split('/');
        if (pair.Length != 2 || pair.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"'@{precision}' is not @dyq or @dyq:FULL/LOW (e.g. @dyq:int4:acc0/int4:acc4)");
        return defaults with { FullPrecision = pair[0], Map = new PrecisionMap([new PrecisionBand(defaults.Threshold, pair[1])]) };
    }
}
