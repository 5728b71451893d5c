using System.Text.Json;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Policy;
using VlaRosNode.Policy.TokenCache;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Transport;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Tests.TokenCache;

/// <summary>Token caching as a benchmark mode (the same seeds with and without it, ratios to the uncached twin in the
/// table and JSON, on the real tiny package driving the real simulator) and as policy node parameters.</summary>
public class TokenCacheBenchmarkTests
{
    [Test]
    public void Cache_suffix_parses_with_labels_precisions_and_parameters()
    {
        var plain = BenchMode.Parse("ar+cache");
        Assert.That((plain.Label, plain.Strategy, plain.TokenCache, plain.Precision), Is.EqualTo(("ar+cache", "ar", true, (string?)null)));
        var full = BenchMode.Parse("fast=spec:tolerance=3@int8+cache");
        Assert.That((full.Label, full.Strategy, full.TokenCache, full.Precision), Is.EqualTo(("fast", "spec", true, "int8")));
        Assert.That(full.Parameters["tolerance"], Is.EqualTo("3"));
        Assert.That(BenchMode.Parse("dyq+heisd=heisd@dyq").TokenCache, Is.False, "a '+' inside a label is not the suffix");
        Assert.That(PolicyMode.IsReference(plain), Is.False, "the reference is uncached ar");
        Assert.That(TokenCacheOptions.Parse("threshold=0.99,refresh-every=5"), Is.EqualTo(new TokenCacheOptions { Threshold = 0.99, RefreshEvery = 5 }).Using<TokenCacheOptions>(SameSettings));
        Assert.That(TokenCacheOptions.Parse("moving-cameras=agent/wrist").MovingCameras, Is.EqualTo(new[] { "agent", "wrist" }));
        Assert.That(TokenCacheOptions.Parse("moving-cameras=").MovingCameras, Is.Empty, "the empty list: no camera is gated");
        Assert.That(() => TokenCacheOptions.Parse("refresh-every=0"), Throws.ArgumentException.With.Message.Contains("refresh"));
        Assert.That(() => TokenCacheOptions.Parse("radius=1"), Throws.ArgumentException.With.Message.Contains("'radius'"));
    }

    private static bool SameSettings(TokenCacheOptions a, TokenCacheOptions b) =>
        a with { MovingCameras = [] } == b with { MovingCameras = [] } && a.MovingCameras.SequenceEqual(b.MovingCameras);

    [Test]
    public void Cached_and_uncached_modes_run_the_same_seeds_and_are_compared_in_the_report()
    {
        using var policy = VlaPolicy.Open(TestPaths.FixtureModel);
        var options = new DecodeBenchOptions
        {
            Modes = new[] { "ar", "ar+cache" }.Select(BenchMode.Parse).ToArray(),
            Suites = [TaskSuite.Spatial], EpisodesPerSuite = 1, MaxSteps = 12,
            TokenCache = new TokenCacheOptions { Threshold = 0.9, MaxReusedShare = 1 }, // the tiny model's tokens move more than 0.996 allows
        };
        var modes = ClosedLoopBenchmark.Run(policy, null, options, new SimOptions { ImageWidth = 32, ImageHeight = 32 });
        var run = new BenchRun(TestPaths.FixtureModel, "Cpu", null, options, modes);
        var (plain, cached) = (modes[0], modes[1]);
        Assert.That(plain.Episodes[0].Seed, Is.EqualTo(cached.Episodes[0].Seed));
        Assert.That(plain.ReusedShare, Is.NaN, "no visual token went through a cache");
        Assert.That(cached.ReusedShare, Is.InRange(0.01, 1.0), "some visual tokens reused");
        Assert.That(cached.Episodes[0].Steps[0].TokensReused, Is.Zero, "nothing stored at an episode's start");
        Assert.That(cached.Episodes[0].Steps.Select(s => s.TokensReused + s.TokensRecomputed), Is.All.EqualTo(8));
        Assert.That(cached.Episodes[0].Steps.Select(s => s.PrefillMs), Is.All.GreaterThan(0));
        Assert.That(run.UncachedTwin(cached), Is.SameAs(plain));
        Assert.That(policy.TokenCache, Is.Null, "the benchmark leaves the policy uncached");

        Assert.That(BenchReport.Table(run), Does.Contain("token cache: ar+cache vs ar (same seeds): target prefill"));
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE"); // a decimal comma
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(BenchReport.Json(run)).RootElement;
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
        var mode = json.GetProperty("modes")[1];
        Assert.That(mode.GetProperty("uncached_twin").GetString(), Is.EqualTo("ar"));
        Assert.That(mode.GetProperty("prefill_ratio_to_uncached_twin").GetDouble(), Is.GreaterThan(0));
        Assert.That(json.GetProperty("token_cache_options").GetProperty("Threshold").GetString(), Is.EqualTo("0.9"));
        Assert.That(json.GetProperty("token_cache_options").GetProperty("MovingCameras").GetString(), Is.EqualTo("wrist"));
    }

    [Test]
    public void Node_parameters_enable_and_set_the_cache_and_name_bad_values()
    {
        Assert.That(Declare(), Is.Null, "off by default");
        var options = Declare("-p", "token_cache.enable:=true", "-p", "token_cache.threshold:=0.95", "-p", "token_cache.refresh_every:=4",
            "-p", "token_cache.moving_cameras:=[agent, wrist]");
        Assert.That(options, Is.Not.Null);
        Assert.That((options!.Threshold, options.RefreshEvery, options.MaxReusedShare), Is.EqualTo((0.95, 4, new TokenCacheOptions().MaxReusedShare)));
        Assert.That(options.MovingCameras, Is.EqualTo(new[] { "agent", "wrist" }));
        Assert.That(() => Declare("-p", "token_cache.enable:=true", "-p", "token_cache.max_reused_share:=2.0"),
            Throws.ArgumentException.With.Message.Contains("token_cache").And.Message.Contains("share"));
    }

    private static TokenCacheOptions? Declare(params string[] arguments)
    {
        using var context = RosContext.Create(["--ros-args", .. arguments], new RosContextOptions { InProcess = new InProcessDomain() });
        return TokenCacheSettings.Declare(context.CreateNode(PolicyNode.DefaultName));
    }
}
