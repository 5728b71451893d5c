using System.Globalization;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>Received count, rate and latency percentiles of one benchmark run, and its one-line wire form
/// (what the subscriber process prints for the publishing process).</summary>
internal sealed record LatencySummary(int Received, double RatePerSecond, double P50Ms, double P90Ms, double P99Ms)
{
    public static LatencySummary From(List<double> latenciesMs, double seconds)
    {
        if (latenciesMs.Count == 0)
            return new(0, 0, double.NaN, double.NaN, double.NaN);
        latenciesMs.Sort();
        return new(latenciesMs.Count, seconds > 0 ? latenciesMs.Count / seconds : 0,
            Percentile(latenciesMs, 0.50), Percentile(latenciesMs, 0.90), Percentile(latenciesMs, 0.99));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public string ToLine() => string.Create(CultureInfo.InvariantCulture, $"result {Received} {RatePerSecond:R} {P50Ms:R} {P90Ms:R} {P99Ms:R}");

    public static LatencySummary? Parse(string line)
    {
        var p = line.Split(' ');
        if (p.Length != 6 || p[0] != "result")
            return null;
        double D(int i) => double.Parse(p[i], CultureInfo.InvariantCulture);
        return new(int.Parse(p[1], CultureInfo.InvariantCulture), D(2), D(3), D(4), D(5));
    }
}
