using VlaRosNode.Kinematics.Features;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Policy.Tests;

/// <summary>One decoder holding a session per precision (DyQ) on the committed fixture: each precision close to
/// fp32, the KV cache carried across a switch, and the policy switching step by step from the kinematics.</summary>
public class PrecisionSwitchingTests
{
    private static readonly string[] Lower = ["int8"];
    private VlaPolicy _policy = null!;
    private DecodingContext _context = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _policy = VlaPolicy.Open(Fixture.PackageDirectory, new EngineOptions { Precision = "fp32", SwitchablePrecisions = Lower });
        _context = ContextCapture.Capture(_policy, Fixture.Expected.Observation);
    }

    [OneTimeTearDown]
    public void Close() => _policy.Dispose();

    private float[] PrefillLogits(string precision)
    {
        _policy.Model.SetPrecision(precision);
        return _context.Prefill(_context.Target).ToArray();
    }

    [TestCaseSource(nameof(Lower))]
    public void Every_precision_is_close_to_fp32(string precision)
    {
        var fp32 = PrefillLogits("fp32");
        var lower = PrefillLogits(precision);
        var worst = fp32.Zip(lower, (a, b) => Math.Abs(a - b)).Max();
        Assert.That(worst, Is.LessThan(0.25), $"largest logit difference of {precision} over the prefix");
        Assert.That(worst, Is.GreaterThan(0), $"{precision} must run its own graph, not fp32's");

        // The fixture is barely trained: some fp32 greedy choices are near ties (top-2 margin 0.015) that any
        // quantisation may flip. Fed fp32's tokens, every clear choice (margin > 2 x the largest difference) must stay.
        _policy.Model.SetPrecision("fp32");
        var reference = _policy.Step(Fixture.Expected.Observation).Tokens;
        var fp32Rows = ActionRows("fp32", reference);
        var lowerRows = ActionRows(precision, reference);
        var vocab = _context.Target.VocabularySize;
        var clear = 0;
        for (var r = 0; r < reference.Length; r++)
        {
            var row = fp32Rows.AsSpan(r * vocab, vocab);
            var margin = row[reference[r]] - row.ToArray().Where((_, i) => i != reference[r]).Max();
            if (margin <= 2 * worst)
                continue;
            clear++;
            Assert.That(DecodingContext.ArgMax(lowerRows.AsSpan(r * vocab, vocab)), Is.EqualTo(reference[r]), $"{precision}, action token {r}");
        }
        Assert.That(clear, Is.GreaterThanOrEqualTo(3), "clear choices compared");
    }

    /// <summary>Logits of the action positions, the prefix followed by <paramref name="tokens"/> but the last.</summary>
    private float[] ActionRows(string precision, int[] tokens)
    {
        _policy.Model.SetPrecision(precision);
        return _context.Prefill(_context.Target, tokens.AsSpan(0, tokens.Length - 1)).ToArray();
    }

    [TestCaseSource(nameof(Lower))]
    public void A_switch_keeps_the_cache(string precision)
    {
        // The prefix is cached by fp32; the next token runs at the lower precision over that cache. The batched
        // verifier copies the same cache into explicit inputs of the lower precision's session, so both must agree.
        var token = Fixture.Expected.GreedyTokens[0];
        _policy.Model.SetPrecision("fp32");
        _context.Prefill(_context.Target);
        _policy.Model.SetPrecision(precision);
        var viaBatch = _context.VerifyBatch([token], 1, 1).ToArray();
        var carried = _context.Feed(_context.Target, token).ToArray();
        Assert.That(_context.Target.Length, Is.EqualTo(_context.PrefixLength + 1));
        Assert.That(carried.Zip(viaBatch, (a, b) => Math.Abs(a - b)).Max(), Is.LessThan(1e-5));

        _context.Prefill(_context.Target);
        var ownCache = _context.Feed(_context.Target, token).ToArray();
        Assert.That(carried.Zip(ownCache, (a, b) => Math.Abs(a - b)).Max(), Is.GreaterThan(0),
            "a cache written at fp32 gives other logits than the lower precision's own cache");
    }

    [Test]
    public void Unknown_or_unloaded_precisions_are_named()
    {
        Assert.That(() => _policy.Model.SetPrecision("int4:acc0"), Throws.ArgumentException.With.Message.Contains("'int4:acc0' is not loaded"));
        Assert.That(() => _policy.Dyq = new DyqController(new DyqOptions { FullPrecision = "fp32" }),
            Throws.ArgumentException.With.Message.Contains("DyQ precision 'int4:acc4' is not loaded"));
        Assert.That(() => VlaPolicy.Open(Fixture.PackageDirectory, new EngineOptions { SwitchablePrecisions = ["int3"] }),
            Throws.TypeOf<Package.ModelPackageException>().With.Message.Contains("has no precision 'int3'"));
        Assert.That(() => VlaPolicy.Open(Fixture.PackageDirectory, new EngineOptions { Precision = "fp32:acc4" }),
            Throws.TypeOf<Package.ModelPackageException>().With.Message.Contains("has no precision 'fp32:acc4'"));
    }

    [Test]
    public void The_policy_switches_precision_from_the_end_effector_motion()
    {
        var options = new DyqOptions
        {
            FullPrecision = "fp32", Map = new PrecisionMap([new PrecisionBand(0.5, "int8")]),
            Lambda = 1, Normalization = ProxyScale.Linear, FinenessMin = 0, FinenessMax = 1000, HoldSeconds = 0,
        };
        _policy.Dyq = new DyqController(options);
        try
        {
            var history = new PoseHistory(32);
            var observation = Fixture.Expected.Observation with { Kinematics = new KinematicState(history) };
            var used = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                var step = i < 10 ? 0.01 : 0.0001; // coarse transit, then a fine approach
                history.Add(i * 0.05, Pose3d.Translation(new Vector3d(i < 10 ? i * step : 0.1 + (i - 10) * step, 0, 0)));
                var output = _policy.Step(observation);
                used.Add(output.Statistics.Precision);
                Assert.That(output.Statistics.DyqScore, i < 9 ? Is.NaN : Is.InRange(0, 1));
            }
            Assert.That(used.Take(9), Is.All.EqualTo("fp32"), "full precision while the window fills");
            Assert.That(used[9], Is.EqualTo("int8"), "coarse motion: the lower precision");
            Assert.That(used[^1], Is.EqualTo("fp32"), "fine motion: full precision");
        }
        finally
        {
            _policy.Dyq = null;
            _policy.Model.SetPrecision("fp32");
        }
    }

    [Test]
    public void DyQ_steps_allocate_nothing_in_steady_state_switches_included()
    {
        _policy.Dyq = new DyqController(new DyqOptions
        {
            FullPrecision = "fp32", Map = new PrecisionMap([new PrecisionBand(0.5, "int8")]),
            Lambda = 1, Normalization = ProxyScale.Linear, FinenessMin = 0, FinenessMax = 1000, HoldSeconds = 0,
        });
        try
        {
            var history = new PoseHistory(32);
            var observation = Fixture.Expected.Observation with { Kinematics = new KinematicState(history) };
            var output = _policy.CreateOutput();
            var x = 0.0;
            var (switches, previous) = (0, "");
            void Step(int i)
            {
                x += i / 10 % 2 == 0 ? 0.01 : 0.0001; // coarse and fine motion in turn, 10 steps each
                history.Add(i * 0.05, Pose3d.Translation(new Vector3d(x, 0, 0)));
                _policy.Step(observation, output);
                switches += output.Statistics.Precision != previous ? 1 : 0;
                previous = output.Statistics.Precision;
            }
            for (var i = 0; i < 40; i++)
                Step(i);
            switches = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 40; i < 80; i++)
                Step(i);
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, "bytes allocated by 40 DyQ steps");
            Assert.That(switches, Is.GreaterThanOrEqualTo(2), "precision switches among the steps measured");
        }
        finally
        {
            _policy.Dyq = null;
            _policy.Model.SetPrecision("fp32");
        }
    }
}
