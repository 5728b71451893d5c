using VlaRosNode.Kinematics.Features;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Policy.Dyq;

namespace VlaRosNode.Policy.Tests;

/// <summary>DyQ's switch on synthetic end-effector streams at 20 Hz: windows, hysteresis, the map.</summary>
public class DyqControllerTests
{
    private const double Period = 0.05;

    /// <summary>Fineness only (lambda 1), M normalised linearly over [0, 1000] 1/m: a step of 10 mm gives S = 0.1 (low),
    /// 2.5 mm gives 0.4 (mid), 0.5 mm gives 1 (full).</summary>
    private static readonly DyqOptions Fineness = new()
    {
        Lambda = 1, Normalization = ProxyScale.Linear, FinenessMin = 0, FinenessMax = 1000, Threshold = 0.5, HoldSeconds = 0.2, FullPrecision = "full",
        Map = new PrecisionMap([new PrecisionBand(0.3, "low"), new PrecisionBand(0.5, "mid")]),
    };

    private sealed class Stream(int capacity = 64)
    {
        private double _x, _angle, _rate, _time;

        public PoseHistory History { get; } = new(capacity);

        /// <summary>Moves the tool <paramref name="step"/> metres along x while it turns at <paramref name="rate"/>
        /// rad/s plus <paramref name="kick"/> rad this step only.</summary>
        public void Add(double step, double rate = 0, double kick = 0)
        {
            _x += step;
            _rate = rate;
            _angle += _rate * Period + kick;
            _time += Period;
            History.Add(_time, new Pose3d(Rotation3d.FromAxisAngle(new Vector3d(0, 0, 1), _angle), new Vector3d(_x, 0, 0)));
        }

        public void Add(int count, double step)
        {
            for (var i = 0; i < count; i++)
                Add(step);
        }
    }

    [Test]
    public void Full_precision_until_both_windows_hold_samples()
    {
        var controller = new DyqController(Fineness with { HoldSeconds = 0 });
        var stream = new Stream();
        for (var i = 0; i < 9; i++)
        {
            stream.Add(0.01);
            Assert.That(controller.Decide(stream.History), Is.EqualTo("full"));
            Assert.That(controller.Score.Score, Is.NaN);
        }
        stream.Add(0.01);
        Assert.That(controller.Decide(stream.History), Is.EqualTo("low"));
        Assert.That(controller.Score.Fineness, Is.EqualTo(100).Within(1e-6));
        Assert.That(controller.Decide(null), Is.EqualTo("full"), "no kinematics: full precision");
    }

    [Test]
    public void Fineness_reads_the_last_ten_samples_only()
    {
        var outside = new Stream();
        outside.Add(1, 0.01);
        outside.Add(0.5); // a jump ten displacements back: outside a window of 10 samples
        outside.Add(9, 0.01);
        Assert.That(KinematicScore.TryCompute(outside.History, Fineness, out var score), Is.True);
        Assert.That(score.Fineness, Is.EqualTo(100).Within(1e-6));

        var inside = new Stream();
        inside.Add(1, 0.01);
        inside.Add(0.5); // nine displacements back: inside
        inside.Add(8, 0.01);
        KinematicScore.TryCompute(inside.History, Fineness, out score);
        Assert.That(score.Fineness, Is.EqualTo(9 / (0.5 + 8 * 0.01)).Within(1e-6));
    }

    [Test]
    public void Jerk_reads_the_last_five_samples_only()
    {
        var options = Fineness with { Lambda = 0, JerkMin = 0, JerkMax = 100 };
        var steady = new Stream();
        steady.Add(0.01, kick: 0.2); // a rotation kick five samples back
        for (var i = 0; i < 10; i++)
            steady.Add(0.01, rate: 0.3);
        KinematicScore.TryCompute(steady.History, options, out var outside);
        Assert.That(outside.Jerk, Is.LessThan(1e-6), "constant angular rate has no jerk; the kick is outside the window");

        var kicked = new Stream();
        for (var i = 0; i < 8; i++)
            kicked.Add(0.01, rate: 0.3);
        kicked.Add(0.01, rate: 0.3, kick: 0.2);
        kicked.Add(0.01, rate: 0.3);
        kicked.Add(0.01, rate: 0.3);
        KinematicScore.TryCompute(kicked.History, options, out var inside);
        Assert.That(inside.Jerk, Is.GreaterThan(100), "a 0.2 rad kick three samples back");
        Assert.That(inside.Score, Is.EqualTo(1), "jerk above the range clips to 1");
    }

    [Test]
    public void Switches_down_only_after_the_hold_time()
    {
        var controller = new DyqController(Fineness);
        var stream = new Stream();
        stream.Add(9, 0.01);
        var chosen = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            stream.Add(0.01);
            chosen.Add(controller.Decide(stream.History));
            Assert.That(controller.Requested, Is.EqualTo("low"));
        }
        // First request at t0; 0.2 s later (the fifth decision) the switch happens.
        Assert.That(chosen, Is.EqualTo(new[] { "full", "full", "full", "full", "low", "low" }));
    }

    private static int Rank(string precision) => Array.IndexOf(["low", "mid", "full"], precision);

    [Test]
    public void Switches_up_at_once_and_down_only_after_a_hold_over_a_whole_motion()
    {
        var controller = new DyqController(Fineness);
        var stream = new Stream();
        stream.Add(9, 0.01);
        var trace = new List<(double Time, string Requested, string Chosen)>();
        foreach (var (count, step) in new[] { (8, 0.01), (12, 0.0005), (12, 0.0025), (2, 0.01), (10, 0.0005) })
            for (var i = 0; i < count; i++)
            {
                stream.Add(step);
                var chosen = controller.Decide(stream.History);
                trace.Add((stream.History.Latest(1).Time(0), controller.Requested, chosen));
            }
        Assert.That(trace.Select(t => t.Chosen).Distinct(), Is.EquivalentTo(new[] { "full", "low", "mid" }));
        for (var i = 1; i < trace.Count; i++)
        {
            Assert.That(Rank(trace[i].Chosen), Is.GreaterThanOrEqualTo(Rank(trace[i].Requested)), $"step {i}: a higher precision is taken at once");
            if (Rank(trace[i].Chosen) < Rank(trace[i - 1].Chosen))
            {
                var held = trace.Take(i + 1).Where(t => t.Time >= trace[i].Time - Fineness.HoldSeconds - 1e-9).ToArray();
                Assert.That(held.All(t => Rank(t.Requested) < Rank(trace[i - 1].Chosen)), Is.True, $"step {i}: down after {Fineness.HoldSeconds} s of lower requests");
            }
        }
    }

    [Test]
    public void After_a_hold_takes_the_highest_precision_asked_for_during_it()
    {
        var controller = new DyqController(Fineness);
        var stream = new Stream();
        stream.Add(10, 0.0005);
        Assert.That(controller.Decide(stream.History), Is.EqualTo("full"));
        var trace = new List<(string Requested, string Chosen)>();
        for (var k = 1; k <= 11; k++)
        {
            stream.Add(0.01);
            var chosen = controller.Decide(stream.History);
            trace.Add((controller.Requested, chosen));
        }
        // Coarse samples enter the window one by one: mid is asked for once (k = 2), then low.
        Assert.That(trace.Select(t => t.Requested), Is.EqualTo(new[] { "full", "mid", "low", "low", "low", "low", "low", "low", "low", "low", "low" }));
        Assert.That(trace.Select(t => t.Chosen), Is.EqualTo(new[] { "full", "full", "full", "full", "full", "mid", "mid", "mid", "mid", "mid", "low" }));
    }

    [Test]
    public void A_new_episode_starts_at_full_precision()
    {
        var controller = new DyqController(Fineness with { HoldSeconds = 0 });
        var stream = new Stream();
        stream.Add(10, 0.01);
        Assert.That(controller.Decide(stream.History), Is.EqualTo("low"));
        controller.BeginEpisode();
        Assert.That(controller.Precision, Is.EqualTo("full"));
    }

    [Test]
    public void Paper_defaults_and_every_precision_listed_once()
    {
        var defaults = new DyqOptions();
        Assert.That((defaults.FinenessWindow, defaults.JerkWindow, defaults.Threshold), Is.EqualTo((10, 5, 0.5)));
        Assert.That(Fineness.Precisions, Is.EqualTo(new[] { "full", "low", "mid" }));
    }

    [TestCase(new[] { 0.3, 0.3 }, "ascending")]
    [TestCase(new[] { 0.3, double.NaN }, "ascending")]
    public void Map_scores_must_ascend(double[] scores, string message) =>
        Assert.That(() => PrecisionMap.FromArrays(scores, ["a", "b"]), Throws.ArgumentException.With.Message.Contains(message));

    [Test]
    public void Bad_options_are_named()
    {
        Assert.That(() => PrecisionMap.FromArrays([0.1], ["a", "b"]), Throws.ArgumentException.With.Message.Contains("1 scores but 2 precisions"));
        Assert.That(() => new DyqController(Fineness with { JerkWindow = 3 }), Throws.ArgumentException.With.Message.Contains("jerk window"));
        Assert.That(() => new DyqController(Fineness with { HoldSeconds = -1 }), Throws.ArgumentException.With.Message.Contains("hold time"));
        Assert.That(() => new DyqController(Fineness with { FinenessMax = 0 }), Throws.ArgumentException.With.Message.Contains("max > min"));
        Assert.That(() => new DyqController(Fineness with { Normalization = ProxyScale.Log }), Throws.ArgumentException.With.Message.Contains("above 0"));
        Assert.That(() => ProxyNormalization.Parse("quadratic"), Throws.ArgumentException.With.Message.Contains("'quadratic'"));
    }

    [Test]
    public void Log_normalisation_spreads_fineness_by_ratio_where_linear_squeezes_it_to_the_bottom()
    {
        // M over [10, 100000] 1/m: steps of 10 mm, 1 mm and 0.1 mm (M = 100, 1000, 10000) are 1/4, 1/2 and 3/4 of the
        // way on a log scale; on a linear one all three are below 0.1, and only a near-still arm reaches the top.
        var log = Fineness with { Normalization = ProxyScale.Log, FinenessMin = 10, FinenessMax = 100_000 };
        var linear = log with { Normalization = ProxyScale.Linear };
        foreach (var (step, onLog) in new[] { (0.01, 0.25), (0.001, 0.5), (0.0001, 0.75) })
        {
            var stream = new Stream();
            stream.Add(10, step);
            Assert.That(KinematicScore.TryCompute(stream.History, log, out var score), Is.True);
            Assert.That(score.Score, Is.EqualTo(onLog).Within(1e-9), $"log, step {step} m");
            KinematicScore.TryCompute(stream.History, linear, out score);
            Assert.That(score.Score, Is.EqualTo((1 / step - 10) / (100_000 - 10)).Within(1e-9), $"linear, step {step} m");
        }
        var still = new Stream();
        still.Add(10, 0);
        KinematicScore.TryCompute(still.History, log, out var stillScore);
        Assert.That(stillScore.Score, Is.EqualTo(1), "a still arm (M floored at 1e6) clips to the top");
    }
}
