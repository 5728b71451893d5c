using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Policy.Tests;

/// <summary>Strategies by name with parameters: defaults, binding and the errors users see.</summary>
public class StrategySelectionTests
{
    private static readonly ActionDatastore Store = new(64, 7);

    [Test]
    public void Parameters_set_options_and_leave_the_rest_at_paper_defaults()
    {
        var heisd = (HeisdDecoding)DecodingStrategies.Create("heisd",
            DecodingStrategies.ParseParameters(["verify_skip=fixed-pattern,Window=5", "max-sum-deviation=45"]), Store);
        Assert.That(heisd.Options, Is.EqualTo(new HeisdOptions { VerifySkip = VerifySkip.FixedPattern, Metric = new() { Window = 5 }, Limits = new() { MaxSumDeviation = 45 } }));
        var kerv = (KervDecoding)DecodingStrategies.Create("kerv", DecodingStrategies.ParseParameters(["schedule=time,motion=randomwalk,tau=12.5"]));
        Assert.That(kerv.Options.Schedule, Is.EqualTo(ThresholdSchedule.Time));
        Assert.That(kerv.Options.Motion, Is.EqualTo(Kinematics.Filtering.MotionModel.RandomWalk));
        Assert.That(kerv.Options.Tau, Is.EqualTo(12.5));
        Assert.That(kerv.Options.MinTolerance, Is.EqualTo(5));
    }

    [Test]
    public void Heisd_takes_the_fused_metric_defaults_of_the_kinematics_library_except_the_papers_window()
    {
        Assert.That(new HeisdOptions().Metric, Is.EqualTo(new Kinematics.Features.FusedMetricOptions() with { Window = 15 }));
        var heisd = (HeisdDecoding)DecodingStrategies.Create("heisd", DecodingStrategies.ParseParameters(["alpha=0.25,radius-max=0.02"]), Store);
        Assert.That(heisd.Options.Metric, Is.EqualTo(new HeisdOptions().Metric with { Alpha = 0.25, RadiusMax = 0.02 }));
        var defaults = new HeisdOptions();
        OptionsBinder.Bind("heisd", defaults, new Dictionary<string, string> { ["alpha"] = "0.25" });
        Assert.That(defaults.Metric, Is.EqualTo(new HeisdOptions().Metric), "binding changes a copy, not the defaults it was given");
    }

    [Test]
    public void Every_name_makes_its_strategy()
    {
        foreach (var name in DecodingStrategies.Names)
            Assert.That(DecodingStrategies.Create(name, null, Store).Name, Is.EqualTo(name));
    }

    [TestCase("nope", "", "unknown decoding strategy 'nope'")]
    [TestCase("spec", "radius=3", "strategy 'spec' has no parameter 'radius'")]
    [TestCase("spec", "tolerance=nine", "'nine' is not a Int32")]
    [TestCase("heisd", "verify-skip=sometimes", "one of None, Adaptive, FixedPattern")]
    [TestCase("kerv", "tau=NaN", "'NaN' is not a Double")]
    [TestCase("ar", "tolerance=0", "strategy 'ar' takes no parameters")]
    [TestCase("spec", "tolerance", "is not name=value")]
    [TestCase("kerv", "draft-length=0", "draft_length is 0")]
    public void Bad_names_and_values_are_named(string name, string parameters, string message) =>
        Assert.That(() => DecodingStrategies.Create(name, DecodingStrategies.ParseParameters([parameters]), Store),
            Throws.ArgumentException.With.Message.Contains(message));

    [Test]
    public void Retrieval_strategies_require_a_datastore() =>
        Assert.That(() => DecodingStrategies.Create("heisd"), Throws.ArgumentException.With.Message.Contains("datastore"));
}
