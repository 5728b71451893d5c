using VlaRosNode.Kinematics.Filtering;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Policy.Tests;

/// <summary>What the non-exact mechanisms do on the real fixture model: KERV's Kalman fill and threshold,
/// HeiSD's verify-skip, and the statistics they report.</summary>
public class StrategyBehaviourTests
{
    private VlaPolicy _policy = null!;

    [OneTimeSetUp]
    public void Open() => _policy = VlaPolicy.Open(Fixture.PackageDirectory);

    [OneTimeTearDown]
    public void Close() => _policy.Dispose();

    [TearDown]
    public void Greedy() => _policy.Strategy = new GreedyDecoding();

    [Test]
    public void Kerv_fills_rejected_dimensions_from_a_kalman_forecast_of_the_executed_actions()
    {
        var options = new KervOptions { MinTolerance = 0, MaxTolerance = 0, FillEvery = 1, KalmanContext = 4 };
        var kerv = new KervDecoding(options);
        _policy.Strategy = kerv;
        var actions = new Actions.ActionTokenizer(290);
        var executed = new List<int[]>();
        var fills = 0;
        for (var i = 0; i < 8; i++)
        {
            var output = _policy.Step(RecordedObservations.Make(i, Motion.SlowCurved));
            var s = output.Statistics;
            if (executed.Count >= KalmanCompensation.MinimumHistory && s.DraftTokensAccepted < 7)
            {
                // Independent forecast: the same filter over the last 4 executed actions' bin centres.
                var filter = new ActionStreamFilter(7, options.Kalman);
                foreach (var action in executed.TakeLast(4))
                    filter.Observe(action.Select(t => actions.BinCentre(t)).ToArray());
                var forecast = new double[7];
                filter.Forecast(1, forecast);
                var from = s.DraftTokensAccepted;
                Assert.That(s.Branch, Is.EqualTo("drafter+kalman"));
                Assert.That(s.KalmanFills, Is.EqualTo(7 - from));
                Assert.That(output.Tokens[from..], Is.EqualTo(forecast[from..].Select(actions.Encode).ToArray()), $"step {i}");
                Assert.That(s.TargetPasses, Is.EqualTo(1), "a filled step runs only the verification pass");
                fills++;
            }
            else
                Assert.That(s.KalmanFills, Is.Zero);
            executed.Add(output.Tokens.ToArray());
        }
        Assert.That(fills, Is.GreaterThan(0));
    }

    [Test]
    public void Kerv_without_fill_steps_regenerates_with_the_target()
    {
        _policy.Strategy = new KervDecoding(new KervOptions { MinTolerance = 0, MaxTolerance = 0, FillEvery = 1000 });
        for (var i = 0; i < 4; i++)
        {
            var observation = RecordedObservations.Make(i, Motion.SlowCurved);
            var kerv = _policy.Step(observation);
            Assert.That(kerv.Statistics.KalmanFills, Is.Zero);
            _policy.Strategy = new GreedyDecoding();
            var greedy = _policy.Step(observation).Tokens;
            Assert.That(kerv.Tokens, Is.EqualTo(greedy));
            _policy.Strategy = new KervDecoding(new KervOptions { MinTolerance = 0, MaxTolerance = 0, FillEvery = 1000 });
        }
    }

    [TestCase(Motion.FastStraight, 15)]
    [TestCase(Motion.None, 5)]
    [TestCase(Motion.Short, 5)]
    public void Kerv_threshold_follows_the_motion(Motion motion, int expected)
    {
        var kerv = new KervDecoding(new KervOptions());
        _policy.Strategy = kerv;
        _policy.Step(RecordedObservations.Make(1, motion));
        Assert.That(kerv.Tolerance, Is.EqualTo(expected));
    }

    [Test]
    public void Kerv_threshold_on_curved_slow_motion_is_inside_the_range()
    {
        var kerv = new KervDecoding(new KervOptions());
        _policy.Strategy = kerv;
        _policy.Step(RecordedObservations.Make(1, Motion.SlowCurved));
        Assert.That(kerv.Tolerance, Is.InRange(5, 14));
    }

    [Test]
    public void Kerv_time_schedule_decays_from_r_max_to_r_min()
    {
        var kerv = new KervDecoding(new KervOptions { Schedule = ThresholdSchedule.Time, Tau = 2 });
        _policy.Strategy = kerv;
        var seen = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            _policy.Step(RecordedObservations.Make(i, Motion.None));
            seen.Add(kerv.Tolerance);
        }
        // r = 5 + 10 exp(-(t/2)^3) for t = 0..5
        Assert.That(seen, Is.EqualTo(new[] { 15, 14, 9, 5, 5, 5 }));
    }

    private ActionDatastore StoreOfGreedyActions(Observation observation) => GreedyDatastore.Of(_policy, [observation]);

    [TestCase(1, 1, TestName = "Heisd fixed pattern: two steps unverified, then one candidate verified within the prefill pass")]
    [TestCase(2, 2, TestName = "Heisd fixed pattern: two steps unverified, then two candidates verified by prefill + one batched pass")]
    public void Heisd_fixed_pattern_executes_two_retrieved_actions_unverified_then_verifies(int candidates, int verifiedPasses)
    {
        var observation = RecordedObservations.Make(2, Motion.FastStraight);
        var store = GreedyDatastore.Of(_policy, Enumerable.Repeat(observation, candidates));
        var stored = store.Find(observation.Instruction)!.Actions(0).ToArray();
        _policy.Strategy = new HeisdDecoding(new HeisdOptions { VerifySkip = VerifySkip.FixedPattern }, store);
        var branches = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var output = _policy.Step(observation);
            branches.Add(output.Statistics.Branch);
            if (output.Statistics.Branch == "retrieval-skip")
            {
                Assert.That(output.Statistics.TargetPasses, Is.Zero);
                Assert.That(output.Statistics.SkippedVerifications, Is.EqualTo(1));
                Assert.That(output.Statistics.RejectedSequences, Is.Null, "a skipped step judges no sequence");
                Assert.That(output.Tokens, Is.EqualTo(stored));
            }
            else
                Assert.That(output.Statistics.TargetPasses, Is.EqualTo(verifiedPasses));
        }
        Assert.That(branches, Is.EqualTo(new[] { "retrieval-skip", "retrieval-skip", "retrieval", "retrieval-skip", "retrieval-skip", "retrieval" }));
    }

    [Test]
    public void Heisd_adaptive_skip_starts_after_a_verified_acceptance()
    {
        var observation = RecordedObservations.Make(3, Motion.FastStraight);
        var heisd = new HeisdDecoding(new HeisdOptions(), StoreOfGreedyActions(observation));
        _policy.Strategy = heisd;
        var first = _policy.Step(observation).Statistics;
        Assert.That(first.Branch, Is.EqualTo("retrieval"));
        Assert.That(first.DraftTokensAccepted, Is.EqualTo(7));
        Assert.That(first.RejectedSequences, Is.Zero);
        Assert.That(heisd.SkipThreshold, Is.EqualTo(1).Within(1e-5));
        var second = _policy.Step(observation).Statistics;
        Assert.That(second.Branch, Is.EqualTo("retrieval-skip"));
        Assert.That(second.TargetPasses, Is.Zero);
        var other = _policy.Step(RecordedObservations.Make(6, Motion.FastStraight)).Statistics; // a less similar image
        Assert.That(other.Branch, Is.EqualTo("retrieval"));
    }

    [Test]
    public void Heisd_adaptive_skip_leaves_at_most_skip_run_retrieval_steps_unverified_in_a_row()
    {
        var observation = RecordedObservations.Make(3, Motion.FastStraight);
        _policy.Strategy = new HeisdDecoding(new HeisdOptions { SkipRun = 2 }, StoreOfGreedyActions(observation));
        var branches = Enumerable.Range(0, 7).Select(_ => _policy.Step(observation).Statistics.Branch).ToArray();
        Assert.That(branches, Is.EqualTo(new[] { "retrieval", "retrieval-skip", "retrieval-skip", "retrieval", "retrieval-skip", "retrieval-skip", "retrieval" }));
    }

    [Test]
    public void Heisd_adaptive_skip_threshold_rises_above_a_rejected_draft()
    {
        var observation = RecordedObservations.Make(3, Motion.FastStraight);
        // The stored action's position is 100 bins from what the target decodes: far outside every acceptance limit.
        var store = GreedyDatastore.Of(_policy, [observation], (_, tokens) =>
        {
            for (var i = 0; i < 3; i++)
                tokens[i] += tokens[i] - 100 >= 290 - 256 ? -100 : 100;
        });
        var heisd = new HeisdDecoding(new HeisdOptions { InitialSkipSimilarity = 0.5, SkipRun = 2 }, store);
        _policy.Strategy = heisd;
        var steps = Enumerable.Range(0, 5).Select(_ => _policy.Step(observation).Statistics).ToArray();
        Assert.That(steps.Select(s => s.Branch), Is.EqualTo(new[] { "retrieval-skip", "retrieval-skip", "retrieval", "retrieval", "retrieval" }),
            "two skips on the initial threshold, then the rejection stops every further skip of this draft");
        Assert.That(steps[2].DraftTokensAccepted, Is.LessThan(7));
        Assert.That(heisd.SkipThreshold, Is.GreaterThan(0.99).And.LessThanOrEqualTo(1.0001));
    }

    [Test]
    public void Heisd_verifies_every_draft_that_would_change_the_gripper()
    {
        var observation = RecordedObservations.Make(2, Motion.FastStraight);
        var options = new HeisdOptions { VerifySkip = VerifySkip.FixedPattern, VerifyGripperChange = true };
        string[] Branches(ActionDatastore store)
        {
            _policy.Strategy = new HeisdDecoding(options, store);
            return Enumerable.Range(0, 4).Select(_ => _policy.Step(observation).Statistics.Branch).ToArray();
        }

        // The stored gripper is the target's: only an episode's first draft changes it (nothing executed yet).
        Assert.That(Branches(StoreOfGreedyActions(observation)), Is.EqualTo(new[] { "retrieval", "retrieval-skip", "retrieval-skip", "retrieval" }));
        // A stored gripper 100 bins from the target's: verification executes the target's, so every draft would change it.
        var otherGripper = GreedyDatastore.Of(_policy, [observation], (_, tokens) => tokens[6] += tokens[6] - 100 >= 290 - 256 ? -100 : 100);
        Assert.That(Branches(otherGripper), Has.All.EqualTo("retrieval"));
    }

    [TestCase(1, 4, TestName = "Heisd takes a rejected sequence's first token from the verification (one candidate): 1 + 2 + 1 passes")]
    [TestCase(2, 5, TestName = "Heisd takes a rejected sequence's first token from the verification (two candidates): 2 + 2 + 1 passes")]
    public void Heisd_takes_a_rejected_sequences_first_token_from_the_verification(int candidates, int passes)
    {
        var observation = RecordedObservations.Make(3, Motion.FastStraight);
        var greedy = _policy.Step(observation).Tokens.ToArray();
        // Position as the target decodes it, rotation 100 bins off (rejected), so the gripper (exact, never mixed) is
        // no longer preceded by the candidate's tokens either. The target's token after the accepted position is the
        // verification's verdict there: no pass; rotation's other two tokens and the gripper take one pass each.
        var store = GreedyDatastore.Of(_policy, Enumerable.Repeat(observation, candidates), (_, tokens) =>
        {
            for (var i = 3; i < 6; i++)
                tokens[i] += tokens[i] - 100 >= 290 - 256 ? -100 : 100;
        });
        _policy.Strategy = new HeisdDecoding(new HeisdOptions { VerifySkip = VerifySkip.None, TopK = candidates }, store);
        var output = _policy.Step(observation);
        Assert.That(output.Statistics.Branch, Is.EqualTo("retrieval"));
        Assert.That(output.Statistics.DraftTokensAccepted, Is.EqualTo(3), "the position sequence");
        Assert.That(output.Statistics.RejectedSequences, Is.EqualTo(0b110), "rotation and gripper decoded by the target");
        Assert.That(output.Tokens, Is.EqualTo(greedy), "what the target decodes");
        Assert.That(output.Statistics.TargetPasses, Is.EqualTo(passes));
    }

    [TestCase(1, true, 3, TestName = "Heisd checks the top candidate's tokens of a rejected sequence on the way (one candidate): 1 + 1 + 1 passes")]
    [TestCase(1, false, 4, TestName = "Heisd decodes a rejected sequence token by token without the guess (one candidate): 1 + 2 + 1 passes")]
    [TestCase(2, true, 4, TestName = "Heisd checks the top candidate's tokens of a rejected sequence on the way (two candidates): 2 + 1 + 1 passes")]
    [TestCase(2, false, 5, TestName = "Heisd decodes a rejected sequence token by token without the guess (two candidates): 2 + 2 + 1 passes")]
    public void Heisd_guesses_a_rejected_sequence_with_its_top_candidate(int candidates, bool guess, int passes)
    {
        var observation = RecordedObservations.Make(3, Motion.FastStraight);
        var greedy = _policy.Step(observation).Tokens.ToArray();
        // Only rotation's first token 100 bins off: the sequence is rejected, its first token is the verification's
        // verdict, and its other two equal the target's, so one pass over the verdict and the guess decides both.
        var store = GreedyDatastore.Of(_policy, Enumerable.Repeat(observation, candidates), (_, tokens) =>
            tokens[3] += tokens[3] - 100 >= 290 - 256 ? -100 : 100);
        _policy.Strategy = new HeisdDecoding(new HeisdOptions { VerifySkip = VerifySkip.None, TopK = candidates, GuessFromCandidate = guess }, store);
        var output = _policy.Step(observation);
        Assert.That(output.Statistics.RejectedSequences, Is.EqualTo(0b110), "rotation and gripper decoded by the target");
        Assert.That(output.Tokens, Is.EqualTo(greedy), "what the target decodes, guess or not");
        Assert.That(output.Statistics.TargetPasses, Is.EqualTo(passes));
    }

    [Test]
    public void Heisd_falls_back_to_the_drafter_when_the_instruction_has_no_collection()
    {
        var store = new ActionDatastore(VisualEmbedding.Dimension(2, 32), 7);
        _policy.Strategy = new HeisdDecoding(new HeisdOptions(), store);
        var s = _policy.Step(RecordedObservations.Make(1, Motion.FastStraight)).Statistics;
        Assert.That(s.Branch, Is.EqualTo("drafter"));
        Assert.That(s.DrafterPasses, Is.GreaterThan(0));
    }

    [Test]
    public void Statistics_report_time_per_stage()
    {
        var observation = RecordedObservations.Make(2, Motion.FastStraight);
        _policy.Strategy = new HeisdDecoding(new HeisdOptions { VerifySkip = VerifySkip.None }, StoreOfGreedyActions(observation));
        var s = _policy.Step(observation).Statistics;
        Assert.That(s.RetrievalTicks, Is.Positive);
        Assert.That(s.TargetTicks, Is.Positive.And.LessThanOrEqualTo(s.DecodeTicks));
        _policy.Strategy = new SpeculativeDecoding(new SpecOptions());
        s = _policy.Step(observation).Statistics;
        Assert.That(s.DraftTicks, Is.Positive);
        Assert.That(s.RetrievalTicks, Is.Zero);
    }
}
