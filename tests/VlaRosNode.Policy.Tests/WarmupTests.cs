using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Policy.TokenCache;

namespace VlaRosNode.Policy.Tests;

/// <summary>The start-up warm-up leaves no trace: after it, the first real step is exactly a fresh policy's first
/// step, for every strategy with the options under which remembered state would change that step (KERV filling from
/// its Kalman history at once, HeiSD's adaptive skip threshold), with several precisions loaded (DyQ or not), and
/// with the visual token cache (which must not reuse the warm-up's frames).</summary>
public class WarmupTests
{
    private static readonly Observation First = RecordedObservations.Make(2, Motion.FastStraight);

    private static ActionDatastore? _store;

    /// <summary>One collection holding First's own greedy action: HeiSD's first step verifies it and accepts it whole
    /// (which lowers the adaptive threshold, so a leaked verification would make the first real step a skip).</summary>
    private static ActionDatastore StoreOfFirstAction()
    {
        if (_store is not null)
            return _store;
        using var greedy = VlaPolicy.Open(Fixture.PackageDirectory);
        return _store = GreedyDatastore.Of(greedy, [First]);
    }

    private static VlaPolicy Open(string setup)
    {
        var engine = setup is "precisions" or "dyq" ? new EngineOptions { Precision = "fp32", SwitchablePrecisions = ["int8"] } : new EngineOptions();
        IDecodingStrategy strategy = setup switch
        {
            "spec" => new SpeculativeDecoding(new SpecOptions { Redraft = true }),
            "retrieval" => new RetrievalDecoding(new RetrievalOptions(), StoreOfFirstAction()),
            "heisd" => new HeisdDecoding(new HeisdOptions(), StoreOfFirstAction()),
            "kerv" => new KervDecoding(new KervOptions { MinTolerance = 0, MaxTolerance = 0, FillEvery = 1, KalmanContext = 2 }),
            _ => new GreedyDecoding(),
        };
        var policy = VlaPolicy.Open(Fixture.PackageDirectory, engine, strategy);
        if (setup == "tokencache")
            policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MovingCameras = [], MaxReusedShare = 1, Threshold = 0.9 }, policy);
        if (setup == "dyq")
            policy.Dyq = new DyqController(new DyqOptions
            {
                FullPrecision = "fp32", Map = new PrecisionMap([new PrecisionBand(0.5, "int8")]),
                Lambda = 1, Normalization = ProxyScale.Linear, FinenessMin = 0, FinenessMax = 1000, HoldSeconds = 0,
            });
        return policy;
    }

    [TestCase("ar")]
    [TestCase("spec")]
    [TestCase("retrieval")]
    [TestCase("heisd")]
    [TestCase("kerv")]
    [TestCase("precisions")]
    [TestCase("dyq")]
    [TestCase("tokencache")]
    public void The_first_step_after_a_warm_up_is_a_fresh_policys_first_step(string setup)
    {
        using var fresh = Open(setup);
        var expected = fresh.Step(First);
        using var warmed = Open(setup);

        var timings = warmed.WarmUp(3, First.Instruction);

        Assert.That(timings.Select(t => t.Precision), Is.EqualTo(warmed.Model.Precisions), "one timing per loaded precision");
        Assert.That(timings.Select(t => t.FirstMs).Concat(timings.Select(t => t.LastMs)), Is.All.Positive);
        Assert.That(warmed.Model.Precision, Is.EqualTo("fp32"), "the starting precision is restored");
        var actual = warmed.Step(First);
        Assert.That(actual.Tokens, Is.EqualTo(expected.Tokens));
        Assert.That(actual.Action, Is.EqualTo(expected.Action));
        Assert.That(actual.Statistics.Branch, Is.EqualTo(expected.Statistics.Branch));
        Assert.That(actual.Statistics.Precision, Is.EqualTo(expected.Statistics.Precision));
        Assert.That(actual.Statistics.TargetPasses, Is.EqualTo(expected.Statistics.TargetPasses));
        Assert.That(actual.Statistics.DraftTokensAccepted, Is.EqualTo(expected.Statistics.DraftTokensAccepted));
        Assert.That(actual.Statistics.KalmanFills, Is.EqualTo(expected.Statistics.KalmanFills));
        Assert.That(actual.Statistics.VisualTokensReused, Is.EqualTo(expected.Statistics.VisualTokensReused));
        if (setup == "heisd")
            Assert.That(expected.Statistics.Branch, Is.EqualTo("retrieval"), "a verified retrieval step, not a skip");
    }

    [Test]
    public void The_warm_up_runs_every_pass_the_strategy_can_make()
    {
        using var policy = Open("heisd");
        long target = policy.Model.Target.Passes, drafter = policy.Model.Drafter!.Passes;
        policy.WarmUp(1);
        // AR (7 target passes), the drafter's verification (1) and regeneration (6), and the batched verification of
        // the K candidates after their prefill (2); the drafter's prefill and 6 decodes.
        Assert.That(policy.Model.Target.Passes - target, Is.EqualTo(7 + 1 + 6 + 2));
        Assert.That(policy.Model.Drafter.Passes - drafter, Is.EqualTo(7));
    }

    [Test]
    public void No_rounds_run_nothing_and_negative_rounds_are_refused()
    {
        using var policy = Open("ar");
        var passes = policy.Model.Target.Passes;
        Assert.That(policy.WarmUp(0), Is.Empty);
        Assert.That(policy.Model.Target.Passes, Is.EqualTo(passes));
        Assert.That(() => policy.WarmUp(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
