using VlaRosNode.Kinematics.Features;

namespace VlaRosNode.Policy.Dyq;

/// <summary>
/// How a DyQ proxy is mapped to [0, 1] between its calibrated range. Both proxies are heavy-tailed (fineness is an
/// inverse translation, so a stalled arm gives values thousands of times those of transit), and a linear min-max
/// squeezes every ordinary step to the bottom of the range; on a log scale S spreads over its range.
/// </summary>
public enum ProxyScale
{
    /// <summary>(ln x - ln min) / (ln max - ln min), clamped: equal ratios count alike. Needs min &gt; 0.</summary>
    Log,

    /// <summary>(x - min) / (max - min), clamped: HeiSD's Norm (min-max with the top clipped at a percentile).</summary>
    Linear,
}

public static class ProxyNormalization
{
    /// <summary><paramref name="value"/> in [0, 1] on <paramref name="scale"/> between <paramref name="min"/> and
    /// <paramref name="max"/> (values outside are clamped, so a still arm's huge fineness is simply 1).</summary>
    public static double Normalize(double value, double min, double max, ProxyScale scale) => scale switch
    {
        ProxyScale.Log => FusedKinematicMetric.Normalize(Math.Log(Math.Max(value, min)), Math.Log(min), Math.Log(max)),
        _ => FusedKinematicMetric.Normalize(value, min, max),
    };

    public static string Name(ProxyScale scale) => scale.ToString().ToLowerInvariant();

    /// <summary>"log" or "linear" (the parameter's spelling).</summary>
    public static ProxyScale Parse(string text) => text switch
    {
        "log" => ProxyScale.Log,
        "linear" => ProxyScale.Linear,
        _ => throw new ArgumentException($"dyq normalization '{text}' is not log or linear"),
    };
}
