using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Policy.TokenCache;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Tests.TokenCache;

/// <summary>
/// The token cache on the shipped model (2 cameras x 16 tokens) over consecutive simulator frames of an expert run (the
/// objects stand still, the arm and its wrist camera move). Closeness is measured on the target's logits at the 7 action
/// positions with the uncached run's greedy tokens fed to both (teacher forcing), so one flipped token does not change
/// the context of the next; the bound is the error of the int4 decoder on the same frames, the precision DyQ runs by
/// default and which the project already accepts as a quality level.
/// </summary>
public class TokenCacheSimTests
{
    private const int Frames = 30;
    private VlaPolicy _policy = null!;
    private Observation[] _frames = null!;
    private int[][] _greedy = null!;
    private float[][] _reference = null!;
    private readonly TeacherForcedLogits _forced = new();

    [OneTimeSetUp]
    public void Record()
    {
        _policy = VlaPolicy.Open(Path.Combine(TestPaths.RepoRoot, "models", "vla-small-sim"), new EngineOptions { Precision = "fp32", SwitchablePrecisions = ["int4"] });
        _frames = RecordedSimObservations.Record(_policy.Package.Manifest.Image.Cameras, TaskCatalog.InSuite(TaskSuite.Spatial).First(), seed: 7, Frames);
        _greedy = _frames.Select(f => _policy.Step(f).Tokens.ToArray()).ToArray();
        _policy.Strategy = _forced;
        _reference = Run(null, out _);
    }

    [OneTimeTearDown]
    public void Close() => _policy.Dispose();

    private float[][] Run(TokenCacheOptions? cache, out int[] reused, string precision = "fp32")
    {
        _policy.Model.SetPrecision(precision);
        _policy.TokenCache = cache is null ? null : new VisualTokenCache(cache, _policy);
        _policy.BeginEpisode();
        reused = new int[_frames.Length];
        var logits = new float[_frames.Length][];
        for (var i = 0; i < _frames.Length; i++)
        {
            _forced.Forced = _greedy[i];
            reused[i] = _policy.Step(_frames[i]).Statistics.VisualTokensReused;
            logits[i] = _forced.Logits;
        }
        _policy.TokenCache = null;
        _policy.Model.SetPrecision("fp32");
        return logits;
    }

    /// <summary>Mean over frames of the relative L2 error of the action logits, and how many argmaxes are the reference's.</summary>
    private (double Error, int ArgmaxKept) Compare(float[][] logits)
    {
        var vocabulary = _policy.Model.Target.VocabularySize;
        double error = 0;
        var kept = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            double difference = 0, norm = 0;
            for (var k = 0; k < logits[i].Length; k++)
            {
                difference += Math.Pow(logits[i][k] - _reference[i][k], 2);
                norm += Math.Pow(_reference[i][k], 2);
            }
            error += Math.Sqrt(difference / norm) / logits.Length;
            for (var p = 0; p < logits[i].Length / vocabulary; p++)
                kept += DecodingContext.ArgMax(logits[i].AsSpan(p * vocabulary, vocabulary)) == DecodingContext.ArgMax(_reference[i].AsSpan(p * vocabulary, vocabulary)) ? 1 : 0;
        }
        return (error, kept);
    }

    [Test]
    public void Reuse_happens_and_action_logits_stay_within_the_int4_decoders_error()
    {
        var cached = Compare(Run(new TokenCacheOptions(), out var reused));
        var int4 = Compare(Run(null, out _, "int4"));
        TestContext.Out.WriteLine($"token cache (defaults): {reused.Sum() / (double)Frames:0.0} of 32 tokens reused per step, action logit error {cached.Error:0.0000}, argmax kept {cached.ArgmaxKept}/{Frames * 7}");
        TestContext.Out.WriteLine($"int4 decoder:           action logit error {int4.Error:0.0000}, argmax kept {int4.ArgmaxKept}/{Frames * 7}");
        Assert.That(reused.Sum(), Is.GreaterThan(Frames), "more than one token per step on average");
        Assert.That(reused[0], Is.Zero);
        Assert.That(cached.Error, Is.LessThanOrEqualTo(int4.Error));
        Assert.That(cached.ArgmaxKept, Is.GreaterThanOrEqualTo(int4.ArgmaxKept));
    }

    [Test]
    public void Never_reusing_gives_the_reference_logits_exactly()
    {
        var never = Run(new TokenCacheOptions { Threshold = 1.01 }, out var reused);
        Assert.That(reused, Is.All.Zero);
        Assert.That(never, Is.EqualTo(_reference));
    }

    [Test]
    public void When_the_hand_moved_beyond_the_limits_no_wrist_token_is_reused()
    {
        var options = new TokenCacheOptions { MaxReusedShare = 1, RefreshEvery = 1000 };
        Run(options, out var gated);
        Run(options with { MovingCameras = [] }, out var ungated);
        var moved = Enumerable.Range(1, Frames - 1).Where(i => Moved(i, options)).ToArray();
        TestContext.Out.WriteLine($"{moved.Length} of {Frames - 1} steps moved beyond the limits; tokens reused on them: {moved.Sum(i => gated[i])} gated, {moved.Sum(i => ungated[i])} ungated");
        Assert.That(moved, Is.Not.Empty);
        Assert.That(moved.Select(i => gated[i]), Is.All.LessThanOrEqualTo(16), "at most the agent camera's 16");
        Assert.That(moved.Sum(i => ungated[i]), Is.GreaterThan(moved.Sum(i => gated[i])), "without the gate the wrist camera's tokens are reused too");
    }

    private bool Moved(int i, TokenCacheOptions limits)
    {
        var now = _frames[i].Kinematics!.EndEffector;
        var (before, after) = (now.Latest(2).Pose(0), now.Latest(2).Pose(1));
        return (after.Position - before.Position).Length > limits.MaxTranslation || before.Rotation.AngleTo(after.Rotation) > limits.MaxRotation;
    }
}
