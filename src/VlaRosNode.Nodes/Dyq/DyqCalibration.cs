using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Nodes.Replay;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Dyq;

/// <summary>
/// <c>vla dyq calibrate</c>'s measurement: every step's observation is decoded at full precision and again at each
/// lower precision, and the action's deviation from full precision (mean |token difference| over the six arm
/// dimensions, in action bins) is recorded with the step's proxies M and J. The steps come from simulated runs (the
/// policy drives the simulator at full precision: closed loop) or from recorded bags (the recorded arm's motion: open
/// loop). <see cref="CalibrationFit"/> then turns them into the map.
/// </summary>
public static class DyqCalibration
{
    public sealed record Settings
    {
        public required string FullPrecision { get; init; }

        /// <summary>Lower precisions, highest first (the last is the cheapest).</summary>
        public required IReadOnlyList<string> Lower { get; init; }

        /// <summary>Windows, threshold, lambda, hold time and normalisation (the ranges and map are what calibration sets).</summary>
        public DyqOptions Start { get; init; } = new();

        /// <summary>M and J at these percentiles of the measured steps become 0 and 1 (HeiSD clips the top at the 95th;
        /// the 5th at the bottom is our choice, so a few near-zero jerks do not stretch a log scale).</summary>
        public double LowPercentile { get; init; } = 5;
        public double HighPercentile { get; init; } = 95;

        public IReadOnlyList<TaskSuite> Suites { get; init; } = Enum.GetValues<TaskSuite>();
        public int EpisodesPerSuite { get; init; } = 2;
        public int FirstSeed { get; init; } = 1000;
        public int MaxSteps { get; init; } = 150;

        /// <summary>Largest mean deviation (action bins) a lower precision may have in a bin.</summary>
        public double Tolerance { get; init; } = 2;
        public int Bins { get; init; } = 5;

        public void Validate()
        {
            if (Lower.Count == 0 || Bins < 1 || !(Tolerance >= 0))
                throw new ArgumentException("calibration needs at least one lower precision, one bin and a tolerance >= 0");
            if (!(LowPercentile >= 0 && LowPercentile < HighPercentile && HighPercentile <= 100))
                throw new ArgumentException($"calibration percentiles {LowPercentile} and {HighPercentile}: expected 0 <= low < high <= 100");
        }
    }

    /// <summary>Closed loop in the built-in simulator, <see cref="Settings.EpisodesPerSuite"/> episodes per suite.</summary>
    public static CalibrationResult RunSimulated(VlaPolicy policy, Settings settings, SimOptions? simOptions = null, TextWriter? progress = null)
    {
        var measure = new StepMeasurement(policy, settings);
        var env = new TabletopEnv(simOptions);
        var source = new SimObservations(env, policy.Package.Manifest.Image.Cameras);
        int episodes = 0, steps = 0;
        foreach (var suite in settings.Suites)
        {
            var tasks = TaskCatalog.InSuite(suite).ToArray();
            for (var e = 0; e < settings.EpisodesPerSuite; e++)
            {
                env.Reset(tasks[e % tasks.Length], settings.FirstSeed + e);
                source.BeginEpisode();
                policy.BeginEpisode();
                for (var step = 0; !env.Done && step < settings.MaxSteps; step++, steps++)
                    env.Step(measure.Step(source.Observe()).Action);
                episodes++;
                progress?.WriteLine($"  {ClosedLoopBenchmark.Name(suite)} seed {settings.FirstSeed + e}: {env.StepCount} steps{(env.Succeeded ? ", success" : "")}");
            }
        }
        return measure.Fit($"{episodes} simulated episodes (closed loop at {settings.FullPrecision})", steps);
    }

    /// <summary>Open loop over recorded bags: the observations the policy node would have assembled from them.</summary>
    /// <exception cref="Bag.BagFormatException">A malformed bag.</exception>
    /// <exception cref="ReplayException">A topic missing, an undecodable image, a bag with no step.</exception>
    public static CalibrationResult RunBags(VlaPolicy policy, Settings settings, IReadOnlyList<string> bags, BagObservationOptions options,
        TextWriter? progress = null)
    {
        var measure = new StepMeasurement(policy, settings);
        int episodes = 0, steps = 0;
        foreach (var path in bags)
        {
            using var bag = BagObservations.Open(path, options);
            foreach (var step in bag.Steps())
            {
                if (step.EpisodeStart)
                    policy.BeginEpisode();
                measure.Step(step.Observation);
            }
            episodes += bag.Summary.Episodes;
            steps += bag.Summary.Steps;
            progress?.WriteLine($"  {bag.Name}: {bag.Summary}");
        }
        return measure.Fit($"{bags.Count} recorded bag(s), {episodes} episode(s) (open loop)", steps);
    }

    /// <summary>Decodes steps at every precision and keeps the samples; leaves the policy at full precision, DyQ off.</summary>
    private sealed class StepMeasurement
    {
        private readonly VlaPolicy _policy;
        private readonly Settings _settings;
        private readonly PolicyOutput _full, _lower;
        private readonly List<CalibrationSample> _samples = [];

        public StepMeasurement(VlaPolicy policy, Settings settings)
        {
            settings.Validate();
            _policy = policy;
            _settings = settings;
            _full = policy.CreateOutput();
            _lower = policy.CreateOutput();
            policy.Dyq = null;
        }

        /// <summary>The full-precision output of <paramref name="observation"/>; a sample once both windows are full.</summary>
        public PolicyOutput Step(Observation observation)
        {
            _policy.Model.SetPrecision(_settings.FullPrecision);
            _policy.Step(observation, _full);
            if (observation.Kinematics is { } k && KinematicScore.TryCompute(k.EndEffector, _settings.Start, out var score))
            {
                var deviation = new double[_settings.Lower.Count];
                for (var p = 0; p < deviation.Length; p++)
                {
                    _policy.Model.SetPrecision(_settings.Lower[p]);
                    _policy.Step(observation, _lower);
                    deviation[p] = ArmDeviation(_full.Tokens, _lower.Tokens);
                }
                _samples.Add(new CalibrationSample(score.Fineness, score.Jerk, deviation));
                _policy.Model.SetPrecision(_settings.FullPrecision);
            }
            return _full;
        }

        public CalibrationResult Fit(string source, int steps) => _samples.Count > 0
            ? CalibrationFit.Fit(_samples, _settings, source, steps)
            : throw new ArgumentException($"no step of {source} filled DyQ's windows ({_settings.Start.FinenessWindow} and {_settings.Start.JerkWindow} samples); use longer runs");

        private static double ArmDeviation(int[] reference, int[] tokens)
        {
            var sum = 0.0;
            for (var d = 0; d < 6; d++)
                sum += Math.Abs(reference[d] - tokens[d]);
            return sum / 6;
        }
    }
}
