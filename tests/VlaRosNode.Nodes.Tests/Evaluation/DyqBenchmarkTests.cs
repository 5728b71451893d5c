using System.Text.Json;
using VlaRosNode.Nodes.Dyq;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Ros2.Parameters;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Tests.Evaluation;

/// <summary>DyQ on the real tiny package (fp32 = full precision, int8 = the lower one) driving the real simulator:
/// calibration from a small simulated run, its parameter file, and DyQ beside static precisions in the benchmark.</summary>
public class DyqBenchmarkTests
{
    private static string Package => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "tiny-vla");
    private static readonly SimOptions SmallImages = new() { ImageWidth = 32, ImageHeight = 32 };
    private static readonly DyqOptions Options = new() { FullPrecision = "fp32", Map = new PrecisionMap([new PrecisionBand(0.5, "int8")]), HoldSeconds = 0 };
    private VlaPolicy _policy = null!;

    [OneTimeSetUp]
    public void Open() => _policy = VlaPolicy.Open(Package, new EngineOptions { Precision = "fp32", SwitchablePrecisions = ["int8"] });

    [OneTimeTearDown]
    public void Close() => _policy.Dispose();

    private CalibrationResult Calibrate(double tolerance) => DyqCalibration.Run(_policy, new DyqCalibration.Settings
    {
        FullPrecision = "fp32", Lower = ["int8"], Start = Options, Suites = [TaskSuite.Spatial], EpisodesPerSuite = 1, MaxSteps = 25,
        Tolerance = tolerance, Bins = 4,
    }, SmallImages);

    [Test]
    public void Calibration_maps_scores_to_the_cheapest_precision_within_tolerance_and_writes_a_parameter_file()
    {
        var loose = Calibrate(tolerance: 1000);
        Assert.That(loose.Steps, Is.EqualTo(25));
        Assert.That(loose.Bins.Sum(b => b.Samples), Is.InRange(1, 25 - 9), "steps with full windows (the tenth on), at or below the threshold");
        Assert.That(loose.Options.Map.Bands.Select(b => (b.MaxScore, b.Precision)), Is.EqualTo(new[] { (0.5, "int8") }), "any deviation passes");
        Assert.That(loose.Options.FinenessMax, Is.GreaterThan(loose.Options.FinenessMin));

        var strict = Calibrate(tolerance: 0);
        var measured = strict.Bins.Where(b => b.Samples > 0).ToArray();
        Assert.That(measured, Is.Not.Empty);
        foreach (var bin in measured)
            Assert.That(bin.Chosen, Is.EqualTo(bin.MeanDeviation["int8"] <= 0 ? "int8" : "fp32").Or.EqualTo("fp32"), $"bin up to {bin.MaxScore}");
        var precisions = strict.Bins.Select(b => b.Chosen).ToArray();
        Assert.That(precisions.SkipWhile(p => p == "int8").All(p => p == "fp32"), Is.True, "precision never falls as S rises");

        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, DyqParameters.ToYaml(strict.Options, "/vla_policy", "test\n" + strict.Table()));
            var loaded = DyqParameters.Load(file, "/vla_policy", new DyqOptions());
            Assert.That(loaded with { Map = strict.Options.Map }, Is.EqualTo(strict.Options));
            Assert.That(loaded.Map.Bands, Is.EqualTo(strict.Options.Map.Bands));
            Assert.That(ParameterFile.Load(file).ValuesFor("/vla_policy")["dyq.enable"].As<bool>(), Is.True);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Bad_dyq_parameters_are_named()
    {
        var values = new Dictionary<string, ParameterValue>
        {
            ["dyq.map_scores"] = ParameterValue.From(new[] { 0.2, 0.1 }),
            ["dyq.map_precisions"] = ParameterValue.From(new[] { "a", "b" }),
        };
        Assert.That(() => DyqParameters.FromValues(values, new DyqOptions()), Throws.ArgumentException.With.Message.Contains("ascending"));
        values = new() { ["dyq.threshold"] = ParameterValue.From("high") };
        Assert.That(() => DyqParameters.FromValues(values, new DyqOptions()), Throws.ArgumentException.With.Message.Contains("dyq.threshold"));
    }

    [Test]
    public void DyQ_runs_beside_static_precisions_on_the_same_seeds_and_is_plotted()
    {
        var options = new DecodeBenchOptions
        {
            Modes = new[] { "fp32=ar", "int8=ar@int8", "dyq=ar@dyq", "dyq+kerv=kerv@dyq" }.Select(BenchMode.Parse).ToArray(),
            Suites = [TaskSuite.Spatial], EpisodesPerSuite = 1, MaxSteps = 20, Dyq = Options,
        };
        Assert.That(PolicyMode.SwitchablePrecisions(options.Modes, "fp32", Options), Is.EqualTo(new[] { "int8" }));
        var modes = ClosedLoopBenchmark.Run(_policy, null, options, SmallImages);
        Assert.That(modes[0].Precisions, Is.EqualTo(new Dictionary<string, int> { ["fp32"] = 20 }));
        Assert.That(modes[1].Precisions, Is.EqualTo(new Dictionary<string, int> { ["int8"] = 20 }));
        foreach (var dyq in modes.Skip(2))
        {
            var steps = dyq.Episodes[0].Steps;
            Assert.That(steps.Take(9).Select(s => s.Precision), Is.All.EqualTo("fp32"), "full precision while the windows fill");
            Assert.That(steps.Take(9).Select(s => s.DyqScore), Is.All.NaN);
            Assert.That(steps.Skip(9).Select(s => s.DyqScore), Is.All.InRange(0.0, 1.0));
            foreach (var s in steps.Skip(9))
                Assert.That(s.Precision, Is.EqualTo(s.DyqScore > Options.Threshold ? "fp32" : "int8"), "hold 0: the score decides each step");
        }
        Assert.That(modes.Select(m => m.Episodes[0].Seed).Distinct().Count(), Is.EqualTo(1));

        var run = new BenchRun(Package, "Cpu", null, options, modes);
        Assert.That(BenchHtmlReport.Render(run), Does.Contain("DyQ precision over the first episode of dyq+kerv"));
        var json = JsonDocument.Parse(BenchReport.Json(run)).RootElement.GetProperty("modes")[2];
        Assert.That(json.GetProperty("precision").GetString(), Is.EqualTo("dyq"));
        Assert.That(json.GetProperty("first_episode_precision").GetArrayLength(), Is.EqualTo(20));
    }
}
