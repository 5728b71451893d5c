using System.Globalization;
using System.Text;
using VlaRosNode.Kinematics.Features;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Dyq;

/// <summary>What calibration measured: per score bin, the samples and each lower precision's mean action deviation.</summary>
public sealed record CalibrationBin(double MaxScore, int Samples, IReadOnlyDictionary<string, double> MeanDeviation, string Chosen);

public sealed record CalibrationResult(DyqOptions Options, IReadOnlyList<CalibrationBin> Bins, int Episodes, int Steps)
{
    /// <summary>The per-phase table (S bins as the motion phases), one line per bin.</summary>
    public string Table()
    {
        var lower = Bins.SelectMany(b => b.MeanDeviation.Keys).Distinct().ToArray();
        var text = new StringBuilder($"{"S up to",8} {"steps",6} " + string.Concat(lower.Select(p => $"{p + " dev",16}")) + "  chosen\n");
        foreach (var b in Bins)
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{b.MaxScore,8:0.###} {b.Samples,6} ") +
                string.Concat(lower.Select(p => string.Create(CultureInfo.InvariantCulture, $"{(b.MeanDeviation.TryGetValue(p, out var d) ? d.ToString("0.00", CultureInfo.InvariantCulture) : "-"),16}"))) +
                $"  {b.Chosen}\n");
        return text.ToString();
    }
}

/// <summary>
/// <c>vla dyq calibrate</c>'s procedure on simulated runs: the policy drives the simulator at full precision; at
/// every step the same observation is also decoded at each lower precision and the action's deviation from full
/// precision (mean |token difference| over the six arm dimensions, in action bins) is recorded with the step's
/// proxies M and J. Then M and J are normalised by their 5th/95th percentiles, S is binned over [0, threshold]
/// (the motion phases below full precision), and each bin gets the lowest precision whose mean deviation stays within
/// the tolerance (full precision if none does); precision never falls as S rises, and equal neighbours merge.
/// </summary>
public static class DyqCalibration
{
    public sealed record Settings
    {
        public required string FullPrecision { get; init; }

        /// <summary>Lower precisions, highest first (the last is the cheapest).</summary>
        public required IReadOnlyList<string> Lower { get; init; }

        public DyqOptions Start { get; init; } = new();
        public IReadOnlyList<TaskSuite> Suites { get; init; } = Enum.GetValues<TaskSuite>();
        public int EpisodesPerSuite { get; init; } = 2;
        public int FirstSeed { get; init; } = 1000;
        public int MaxSteps { get; init; } = 150;

        /// <summary>Largest mean deviation (action bins) a lower precision may have in a bin.</summary>
        public double Tolerance { get; init; } = 2;
        public int Bins { get; init; } = 5;
    }

    private sealed record Sample(double Fineness, double Jerk, double[] Deviation);

    public static CalibrationResult Run(VlaPolicy policy, Settings settings, SimOptions? simOptions = null, TextWriter? progress = null)
    {
        if (settings.Lower.Count == 0 || settings.Bins < 1 || !(settings.Tolerance >= 0))
            throw new ArgumentException("calibration needs at least one lower precision, one bin and a tolerance >= 0");
        var env = new TabletopEnv(simOptions);
        var source = new SimObservations(env, policy.Package.Manifest.Image.Cameras);
        var full = policy.CreateOutput();
        var lower = policy.CreateOutput();
        var samples = new List<Sample>();
        int episodes = 0, steps = 0;
        policy.Dyq = null;
        foreach (var suite in settings.Suites)
        {
            var tasks = TaskCatalog.InSuite(suite).ToArray();
            for (var e = 0; e < settings.EpisodesPerSuite; e++)
            {
                env.Reset(tasks[e % tasks.Length], settings.FirstSeed + e);
                source.BeginEpisode();
                policy.BeginEpisode();
                for (var step = 0; !env.Done && step < settings.MaxSteps; step++, steps++)
                {
                    var observation = source.Observe();
                    policy.Model.SetPrecision(settings.FullPrecision);
                    policy.Step(observation, full);
                    if (observation.Kinematics is { } k && KinematicScore.TryCompute(k.EndEffector, settings.Start, out var score))
                    {
                        var deviation = new double[settings.Lower.Count];
                        for (var p = 0; p < settings.Lower.Count; p++)
                        {
                            policy.Model.SetPrecision(settings.Lower[p]);
                            policy.Step(observation, lower);
                            deviation[p] = ArmDeviation(full.Tokens, lower.Tokens);
                        }
                        samples.Add(new Sample(score.Fineness, score.Jerk, deviation));
                    }
                    env.Step(full.Action);
                }
                episodes++;
                progress?.WriteLine($"  {ClosedLoopBenchmark.Name(suite)} seed {settings.FirstSeed + e}: {env.StepCount} steps{(env.Succeeded ? ", success" : "")}");
            }
        }
        policy.Model.SetPrecision(settings.FullPrecision);
        if (samples.Count == 0)
            throw new ArgumentException($"no step filled DyQ's windows ({settings.Start.FinenessWindow} and {settings.Start.JerkWindow} samples); run longer episodes");
        return Fit(samples, settings, episodes, steps);
    }

    private static double ArmDeviation(int[] reference, int[] tokens)
    {
        var sum = 0.0;
        for (var d = 0; d < 6; d++)
            sum += Math.Abs(reference[d] - tokens[d]);
        return sum / 6;
    }

    private static CalibrationResult Fit(List<Sample> samples, Settings settings, int episodes, int steps)
    {
        var m = samples.Select(s => s.Fineness).Order().ToArray();
        var j = samples.Select(s => s.Jerk).Order().ToArray();
        var options = settings.Start with
        {
            FullPrecision = settings.FullPrecision,
            FinenessMin = Percentile(m, 5), FinenessMax = Math.Max(Percentile(m, 95), Percentile(m, 5) + 1e-9),
            JerkMin = Percentile(j, 5), JerkMax = Math.Max(Percentile(j, 95), Percentile(j, 5) + 1e-9),
        };
        var threshold = options.Threshold;
        var width = threshold / settings.Bins;
        var lowerCount = settings.Lower.Count;
        // Level 0 = the cheapest lower precision ... lowerCount - 1 = the highest lower one, lowerCount = full.
        string NameOf(int level) => level == lowerCount ? settings.FullPrecision : settings.Lower[lowerCount - 1 - level];
        var byBin = Enumerable.Range(0, settings.Bins)
            .Select(b => samples.Where(s => Bin(KinematicScore.Fuse(s.Fineness, s.Jerk, options), width, settings.Bins) == b).ToArray()).ToArray();
        var levels = byBin.Select(inBin => inBin.Length == 0 ? (int?)null
            : Enumerable.Range(0, lowerCount).FirstOrDefault(l => inBin.Average(s => s.Deviation[lowerCount - 1 - l]) <= settings.Tolerance, lowerCount)).ToArray();
        // Empty bins take the level of the bin below (leading empties the first measured one's); then the level
        // is made non-decreasing in S, since a finer motion must not run a coarser precision.
        var previous = levels.FirstOrDefault(l => l is not null) ?? lowerCount;
        var bins = new List<CalibrationBin>();
        var bands = new List<PrecisionBand>();
        for (var b = 0; b < settings.Bins; b++)
        {
            var level = Math.Max(levels[b] ?? previous, previous);
            previous = level;
            var name = NameOf(level);
            var max = b == settings.Bins - 1 ? threshold : (b + 1) * width;
            var inBin = byBin[b];
            bins.Add(new CalibrationBin(max, inBin.Length, inBin.Length == 0 ? new Dictionary<string, double>()
                : settings.Lower.Select((p, i) => (p, Mean: inBin.Average(s => s.Deviation[i]))).ToDictionary(x => x.p, x => x.Mean), name));
            if (bands.Count > 0 && bands[^1].Precision == name)
                bands[^1] = bands[^1] with { MaxScore = max };
            else
                bands.Add(new PrecisionBand(max, name));
        }
        return new CalibrationResult(options with { Map = new PrecisionMap(bands) }, bins, episodes, steps);
    }

    /// <summary>Bin of a score at or below the threshold; -1 above it (full precision, not calibrated).</summary>
    private static int Bin(double score, double width, int bins) =>
        score > width * bins ? -1 : Math.Min(bins - 1, (int)(score / width));

    private static double Percentile(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
