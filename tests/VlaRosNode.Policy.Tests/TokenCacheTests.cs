using VlaRosNode.Kinematics.Features;
using VlaRosNode.Kinematics.Geometry;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Policy.TokenCache;

namespace VlaRosNode.Policy.Tests;

/// <summary>Visual token caching on the real ONNX fixture (cameras front and wrist, 4 tokens each): never reusing is
/// the uncached path bit for bit, what is reused follows the similarity, the share cap, the refresh period, the
/// precision and the wrist camera's motion, and reusing everything of an unchanged frame gives the uncached tokens.</summary>
public class TokenCacheTests
{
    private const int Tokens = 8;
    private VlaPolicy _policy = null!;

    [OneTimeSetUp]
    public void Open() => _policy = VlaPolicy.Open(Fixture.PackageDirectory, new EngineOptions { Precision = "fp32", SwitchablePrecisions = ["int8"] });

    [OneTimeTearDown]
    public void Close() => _policy.Dispose();

    [TearDown]
    public void Reset()
    {
        _policy.TokenCache = null;
        _policy.Strategy = new GreedyDecoding();
        _policy.Model.SetPrecision("fp32");
    }

    private static readonly Motion[] Motions = [Motion.FastStraight, Motion.SlowCurved, Motion.Short, Motion.None];

    [TestCase("ar", "")]
    [TestCase("spec", "tolerance=9")]
    [TestCase("kerv", "")]
    public void Threshold_above_one_reproduces_the_uncached_path_exactly(string strategy, string parameters)
    {
        var observations = Enumerable.Range(0, 12).Select(i => RecordedObservations.Make(i / 3, Motions[i % Motions.Length])).ToArray();
        var plain = Run(strategy, parameters, observations, null);
        var cached = Run(strategy, parameters, observations, new TokenCacheOptions { Threshold = 1.01, MovingCameras = [], MaxReusedShare = 1 });
        for (var i = 0; i < observations.Length; i++)
        {
            Assert.That(cached[i].Tokens, Is.EqualTo(plain[i].Tokens), $"step {i}");
            Assert.That(cached[i].Action, Is.EqualTo(plain[i].Action), $"step {i}: bit for bit");
            Assert.That(cached[i].Statistics.VisualTokensReused, Is.Zero);
        }
        Assert.That(cached.Count(c => c.Statistics.VisualTokensRecomputed == Tokens), Is.GreaterThan(0));
    }

    private PolicyOutput[] Run(string strategy, string parameters, Observation[] observations, TokenCacheOptions? cache)
    {
        _policy.Strategy = DecodingStrategies.Create(strategy, DecodingStrategies.ParseParameters([parameters]));
        _policy.TokenCache = cache is null ? null : new VisualTokenCache(cache, _policy);
        _policy.BeginEpisode();
        return observations.Select(o => _policy.Step(o)).ToArray();
    }

    [TestCase("ar", "")]
    [TestCase("heisd", "top-k=1")]
    public void Cached_steps_allocate_nothing_in_steady_state(string strategy, string parameters)
    {
        // One instruction, as in an episode (a new instruction is tokenised, which allocates).
        var observations = Enumerable.Range(0, 12)
            .Select(i => RecordedObservations.Make(i / 3, Motions[i % Motions.Length]) with { Instruction = RecordedObservations.Make(0, Motion.None).Instruction })
            .ToArray();
        var store = GreedyDatastore.Of(_policy, observations[..2]);
        _policy.Strategy = DecodingStrategies.Create(strategy, DecodingStrategies.ParseParameters([parameters]), store);
        _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MaxReusedShare = 1 }, _policy);
        var output = _policy.CreateOutput();
        var (reused, recomputed) = (0, 0);
        void Run()
        {
            _policy.BeginEpisode();
            foreach (var observation in observations)
            {
                _policy.Step(observation, output);
                reused += output.Statistics.VisualTokensReused;
                recomputed += output.Statistics.VisualTokensRecomputed;
            }
        }
        // Until every (past, count) shape of the episode has its binding on both cache sides: heisd's skip threshold,
        // kept across episodes, changes which shapes its first episodes run.
        for (var warmUp = 0; warmUp < 8; warmUp++)
            Run();
        (reused, recomputed) = (0, 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, $"bytes allocated by {observations.Length} cached {strategy} steps");
        Assert.That(reused, Is.Positive, "visual tokens reused in the steps measured");
        Assert.That(recomputed, Is.Positive, "visual tokens recomputed in the steps measured");
    }

    [Test]
    public void An_unchanged_frame_reuses_every_token_and_decodes_the_uncached_tokens()
    {
        var observation = RecordedObservations.Make(3, Motion.None);
        var expected = _policy.Step(observation);
        _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MovingCameras = [], MaxReusedShare = 1 }, _policy);
        _policy.BeginEpisode();
        var first = _policy.Step(observation);
        Assert.That((first.Statistics.VisualTokensReused, first.Statistics.VisualTokensRecomputed), Is.EqualTo((0, Tokens)), "first step of an episode");
        var second = _policy.Step(observation);
        Assert.That((second.Statistics.VisualTokensReused, second.Statistics.VisualTokensRecomputed), Is.EqualTo((Tokens, 0)));
        Assert.That(second.Tokens, Is.EqualTo(expected.Tokens));
        Assert.That(second.Action, Is.EqualTo(expected.Action).Within(1e-5));
        Assert.That(second.Statistics.TargetPrefillTicks, Is.GreaterThan(0));
    }

    [Test]
    public void Only_tokens_within_the_threshold_of_their_stored_ones_are_reused()
    {
        var a = RecordedObservations.Make(1, Motion.None);
        var b = RecordedObservations.Make(2, Motion.None); // other pixel noise: every token moves a little
        var similarities = new float[Tokens];
        _policy.Step(a);
        var tokensA = _policy.Model.Vision.Tokens.ToArray();
        _policy.Step(b);
        var tokensB = _policy.Model.Vision.Tokens.ToArray();
        for (var i = 0; i < Tokens; i++)
            similarities[i] = Cosine(tokensA.AsSpan(i * 32, 32), tokensB.AsSpan(i * 32, 32));
        var threshold = similarities.Order().ElementAt(Tokens / 2); // the median: half the tokens pass
        _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { Threshold = threshold, MovingCameras = [], MaxReusedShare = 1 }, _policy);
        _policy.BeginEpisode();
        _policy.Step(a);
        var stats = _policy.Step(b).Statistics;
        Assert.That(stats.VisualTokensReused, Is.EqualTo(similarities.Count(s => s >= threshold)));
        Assert.That(stats.VisualTokensReused + stats.VisualTokensRecomputed, Is.EqualTo(Tokens));
    }

    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
            (dot, aa, bb) = (dot + (double)a[i] * b[i], aa + (double)a[i] * a[i], bb + (double)b[i] * b[i]);
        return (float)(dot / Math.Sqrt(aa * bb));
    }

    [Test]
    public void The_share_cap_and_the_refresh_period_bound_reuse()
    {
        var observation = RecordedObservations.Make(5, Motion.None);
        _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MovingCameras = [], MaxReusedShare = 0.5, RefreshEvery = 3 }, _policy);
        _policy.BeginEpisode();
        var reused = Enumerable.Range(0, 7).Select(_ => _policy.Step(observation).Statistics.VisualTokensReused).ToArray();
        Assert.That(reused, Is.EqualTo(new[] { 0, 4, 4, 0, 4, 4, 0 }));
    }

    [Test]
    public void A_precision_switch_recomputes_every_token()
    {
        var observation = RecordedObservations.Make(6, Motion.None);
        _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MovingCameras = [], MaxReusedShare = 1 }, _policy);
        _policy.BeginEpisode();
        _policy.Step(observation);
        _policy.Model.SetPrecision("int8");
        Assert.That(_policy.Step(observation).Statistics.VisualTokensReused, Is.Zero, "keys/values of the fp32 weights");
        Assert.That(_policy.Step(observation).Statistics.VisualTokensReused, Is.EqualTo(Tokens));
    }

    [TestCase(0.0, 0.0, 8)]
    [TestCase(0.001, 0.0, 8)]
    [TestCase(0.03, 0.0, 4)]
    [TestCase(0.0, 0.1, 4)]
    public void Wrist_camera_tokens_are_recomputed_when_the_hand_moved_beyond_the_limits(double translation, double rotation, int reused)
    {
        var images = RecordedObservations.Make(7, Motion.None).Images;
        var history = new PoseHistory(8);
        history.Add(0, Pose3d.Translation(new Vector3d(0.4, 0, 0.3)));
        _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MovingCameras = ["wrist"], MaxReusedShare = 1, MaxTranslation = 0.002, MaxRotation = 0.02 }, _policy);
        _policy.BeginEpisode();
        _policy.Step(new Observation(images, "open the drawer") { Kinematics = new KinematicState(history) });
        history.Add(0.05, new Pose3d(Rotation3d.FromRpy(rotation, 0, 0), new Vector3d(0.4 + translation, 0, 0.3)));
        var stats = _policy.Step(new Observation(images, "open the drawer") { Kinematics = new KinematicState(history) }).Statistics;
        Assert.That(stats.VisualTokensReused, Is.EqualTo(reused), "front's 4 always, wrist's 4 only when the hand stayed");
    }

    [Test]
    public void Without_kinematics_the_wrist_camera_is_always_recomputed()
    {
        var observation = RecordedObservations.Make(8, Motion.None);
        _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MaxReusedShare = 1 }, _policy);
        _policy.BeginEpisode();
        _policy.Step(observation);
        Assert.That(_policy.Step(observation).Statistics.VisualTokensReused, Is.EqualTo(4));
    }

    [Test]
    public void Cached_steps_allocate_no_managed_memory()
    {
        // One instruction (a new one is tokenized, which allocates), images that change or not from step to step.
        var observations = new[] { 1, 1, 2 }.Select(seed => RecordedObservations.Make(seed, Motion.None) with { Instruction = "open the drawer" }).ToArray();
        _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MovingCameras = [], MaxReusedShare = 0.75, RefreshEvery = 4 }, _policy);
        var output = _policy.CreateOutput();
        _policy.BeginEpisode();
        for (var i = 0; i < 36; i++)
            _policy.Step(observations[i % 3], output); // first use of every (past, count) binding the cycle needs
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 12; i++)
            _policy.Step(observations[i % 3], output);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Bad_settings_are_named()
    {
        Assert.That(() => _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MovingCameras = ["hand"] }, _policy),
            Throws.ArgumentException.With.Message.Contains("'hand'").And.Message.Contains("front, wrist"));
        Assert.That(() => _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { RefreshEvery = 0 }, _policy), Throws.ArgumentException.With.Message.Contains("refresh"));
        Assert.That(() => _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MaxReusedShare = 1.5 }, _policy), Throws.ArgumentException.With.Message.Contains("share"));
        Assert.That(() => _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { MaxTranslation = -1 }, _policy), Throws.ArgumentException.With.Message.Contains("motion"));
        Assert.That(() => _policy.TokenCache = new VisualTokenCache(new TokenCacheOptions { Threshold = double.NaN }, _policy), Throws.ArgumentException.With.Message.Contains("threshold"));
    }
}
