using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Policy.Tests;

/// <summary>Cache rollback after rejected draft tokens, and zero managed allocation per step.</summary>
public class KvCacheTests
{
    private VlaPolicy _policy = null!;
    private DecodingContext _context = null!;
    private int[] _tokens = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _policy = VlaPolicy.Open(Fixture.PackageDirectory);
        _context = ContextCapture.Capture(_policy, Fixture.Expected.Observation);
        _tokens = Fixture.Expected.GreedyTokens;
    }

    [OneTimeTearDown]
    public void Close() => _policy.Dispose();

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(6)]
    public void Rollback_after_rejected_tokens_equals_recomputing(int accepted)
    {
        var target = _context.Target;
        var rejected = new[] { 40, 41, 42, 43, 44, 45, 46 }; // a draft that disagrees after `accepted` tokens
        var draft = _tokens[..accepted].Concat(rejected[accepted..]).ToArray();
        var rest = _tokens[accepted..];

        _context.Prefill(target);
        _context.Feed(target, draft);
        target.Rollback(_context.PrefixLength + accepted);
        var afterRollback = _context.Feed(target, rest).ToArray();

        _context.Prefill(target);
        if (accepted > 0)
            _context.Feed(target, _tokens[..accepted]);
        var recomputed = _context.Feed(target, rest).ToArray();

        Assert.That(target.Length, Is.EqualTo(_context.PrefixLength + 7));
        var worst = afterRollback.Zip(recomputed, (a, b) => Math.Abs(a - b)).Max();
        Assert.That(worst, Is.Zero, $"largest difference {worst}");
    }

    [Test]
    public void Rollback_rejects_lengths_outside_the_cache()
    {
        _context.Prefill(_context.Target);
        Assert.That(() => _context.Target.Rollback(_context.PrefixLength + 1), Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => _context.Target.Rollback(-1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Steady_state_steps_allocate_no_managed_memory()
    {
        var observation = Fixture.Expected.Observation;
        var output = _policy.CreateOutput();
        for (var i = 0; i < 3; i++)
            _policy.Step(observation, output); // first use makes the tensor views and IoBindings
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
            _policy.Step(observation, output);
        var stepBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        var target = _context.Target;
        for (var round = 0; round < 2; round++)
        {
            before = GC.GetAllocatedBytesForCurrentThread();
            _context.Prefill(target);
            _context.Feed(target, _tokens);     // verify 7
            target.Rollback(_context.PrefixLength + 2);
            _context.Feed(target, _tokens[2]);  // decode 1
        }
        var verifyBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(stepBytes, Is.Zero, "bytes allocated by 20 policy steps");
        Assert.That(verifyBytes, Is.Zero, "bytes allocated by prefill + verify + rollback + decode");
        Assert.That(output.Tokens, Is.EqualTo(_tokens));
    }

    [Test]
    public void Batched_verification_matches_each_candidate_alone_and_allocates_nothing_in_steady_state()
    {
        var target = _context.Target;
        var vocabulary = target.VocabularySize;
        int[] candidates = [.. _tokens[..6], 40, 41, 42, 43, 44, 45, .. _tokens[..3], 50, 51, 52]; // 3 candidates x 6 tokens
        _context.Prefill(target);
        var batched = _context.VerifyBatch(candidates, 3, 6).ToArray();
        Assert.That(target.Length, Is.EqualTo(_context.PrefixLength), "the target's own cache is unchanged");
        for (var c = 0; c < 3; c++)
        {
            var alone = _context.Feed(target, candidates.AsSpan(c * 6, 6)).ToArray();
            target.Rollback(_context.PrefixLength);
            var worst = alone.Zip(batched.Skip(c * 6 * vocabulary), (a, b) => Math.Abs(a - b)).Max();
            Assert.That(worst, Is.LessThan(1e-5), $"candidate {c}");
        }

        for (var round = 0; round < 3; round++)
            _context.VerifyBatch(candidates, 2, 6); // the first use of a shape makes its binding; then warm
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 3; round++)
        {
            _context.VerifyBatch(candidates, 3, 6);
            _context.VerifyBatch(candidates, 2, 6);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, "bytes allocated by 6 batched verifications");
    }

    [TestCase("retrieval", "", "retrieval")]
    [TestCase("retrieval", "tolerance=0", "retrieval")]
    [TestCase("heisd", "", "retrieval")]
    [TestCase("heisd", "top-k=1", "retrieval")]
    [TestCase("heisd", "radius-min=1,radius-max=2,displacement-min=1,displacement-max=2", "drafter")]
    [TestCase("spec", "", "")]
    [TestCase("kerv", "", "")]
    public void Strategy_steps_allocate_no_managed_memory_in_steady_state(string strategy, string parameters, string branch)
    {
        var observation = Fixture.Expected.Observation;
        var store = GreedyDatastore.Of(_policy, [observation, observation]);
        var options = parameters.Length == 0 ? new Dictionary<string, string>() : DecodingStrategies.ParseParameters([parameters]);
        _policy.Strategy = DecodingStrategies.Create(strategy, options, store);
        try
        {
            var output = _policy.CreateOutput();
            var poses = new Kinematics.Features.PoseHistory(32);
            var moving = observation with { Kinematics = new KinematicState(poses) };
            var kalmanFills = 0;
            // An arc of 0.3 m radius at 15 mm a step: the fused metric's circle fit runs in full.
            void Step(int i)
            {
                var angle = 0.05 * i;
                poses.Add(i * 0.05, Kinematics.Geometry.Pose3d.Translation(new Kinematics.Geometry.Vector3d(0.3 * Math.Cos(angle), 0.3 * Math.Sin(angle), 0.3)));
                _policy.Step(moving, output);
                kalmanFills += output.Statistics.KalmanFills;
            }
            for (var i = 0; i < 20; i++) // past heisd's warm-up window, then a few steps to warm up
                Step(i);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 20; i < 30; i++)
                Step(i);
            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, $"bytes allocated by 10 {strategy} steps");
            Assert.That(output.Statistics.Branch, Does.StartWith(branch));
            if (strategy == "kerv")
                Assert.That(kalmanFills, Is.Positive, "the steps measured include Kalman fills");
        }
        finally
        {
            _policy.Strategy = new GreedyDecoding();
        }
    }

    [Test]
    public void A_graph_that_fails_to_run_is_named_and_the_decoder_runs_on()
    {
        var target = _context.Target;
        _context.Prefill(target);
        var length = target.Length;
        target.Input(1).Clear();
        target.Positions(1)[0] = 1 << 30; // far past the position table: ONNX Runtime rejects the index
        var error = Assert.Throws<Runtime.GraphRunException>(() => target.ForwardAtPositions(1));
        Assert.That(error!.File, Is.EqualTo("decoder.onnx"));
        Assert.That(error.Message, Does.StartWith("decoder.onnx: ONNX Runtime failed to run it: "));
        Assert.That(target.Length, Is.EqualTo(length), "a failed pass appends nothing");

        Assert.That(_context.Feed(target, _tokens[..1]).ToArray(), Is.Not.Empty);
    }
}
