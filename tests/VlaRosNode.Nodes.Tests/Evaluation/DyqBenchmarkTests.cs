using System.Text.Json;
using VlaRosNode.Nodes.ArmControl.Status;
using VlaRosNode.Nodes.Dyq;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Nodes.Replay;
using VlaRosNode.Nodes.Tests.Replay;
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

    private CalibrationResult Calibrate(double tolerance) => DyqCalibration.RunSimulated(_policy, Settings(tolerance) with
    {
        Suites = [TaskSuite.Spatial], EpisodesPerSuite = 1, MaxSteps = 25,
    }, SmallImages);

    private static DyqCalibration.Settings Settings(double tolerance) => new()
    {
        FullPrecision = "fp32", Lower = ["int8"], Start = Options, Tolerance = tolerance, Bins = 4,
    };

    [Test]
    public void Calibration_maps_scores_to_the_cheapest_precision_within_tolerance_and_writes_a_parameter_file()
    {
        var loose = Calibrate(tolerance: 1000);
        Assert.That(loose.Steps, Is.EqualTo(25));
        Assert.That(loose.Bins.Sum(b => b.Samples), Is.EqualTo(25 - 9), "steps with full windows (the tenth on), in the bins and above the threshold");
        Assert.That(loose.Scores, Has.Count.EqualTo(25 - 9).And.All.InRange(0.0, 1.0));
        Assert.That(loose.Options.Map.Bands.Select(b => (b.MaxScore, b.Precision)), Is.EqualTo(new[] { (0.5, "int8") }), "any deviation passes");
        Assert.That(loose.Bins[^1].Chosen, Is.EqualTo("fp32"), "above the threshold");
        Assert.That(loose.Options.Normalization, Is.EqualTo(ProxyScale.Log));
        Assert.That(loose.Options.FinenessMax, Is.GreaterThan(loose.Options.FinenessMin).And.GreaterThan(0));

        var strict = Calibrate(tolerance: 0);
        var measured = strict.Bins.Where(b => b.Samples > 0).ToArray();
        Assert.That(measured, Is.Not.Empty);
        foreach (var bin in measured.Where(b => b.MeanDeviation["int8"] > 0))
            Assert.That(bin.Chosen, Is.EqualTo("fp32"), $"bin up to {bin.MaxScore}: int8 deviates");
        var precisions = strict.Bins.Select(b => b.Chosen).ToArray();
        Assert.That(precisions.SkipWhile(p => p == "int8").All(p => p == "fp32"), Is.True, "precision never falls as S rises");
        Assert.That(strict.Table(), Does.Contain("S (log normalisation) over 16 steps").And.Contain("steps per precision by the map"));

        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, DyqParameters.ToYaml(strict.Options, "/vla_policy", "test\n" + strict.Table()));
            var loaded = DyqParameters.Load(file, "/vla_policy", new DyqOptions());
            Assert.That(loaded with { Map = strict.Options.Map }, Is.EqualTo(strict.Options));
            Assert.That(loaded.Map.Bands, Is.EqualTo(strict.Options.Map.Bands));
            Assert.That(ParameterFile.Load(file).ValuesFor("/vla_policy")["dyq.enable"].As<bool>(), Is.True);
            Assert.That(ParameterFile.Load(file).ValuesFor("/vla_policy")["dyq.normalization"].As<string>(), Is.EqualTo("log"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Calibration_from_a_recorded_simulator_bag_measures_what_replay_measures()
    {
        var (bag, summary) = RobotBags.Simulator("mcap");
        var options = new BagObservationOptions { CameraTopics = RobotBags.SimulatorCameras };
        var result = DyqCalibration.RunBags(_policy, Settings(tolerance: 1) with { Start = Options with { Normalization = ProxyScale.Linear } }, [bag], options);
        var steps = summary.Episodes.Single().Steps + 1;
        Assert.That(result.Steps, Is.EqualTo(steps));
        Assert.That(result.Source, Does.Contain("1 recorded bag(s), 1 episode(s)"));
        Assert.That(result.Bins.Sum(b => b.Samples), Is.EqualTo(steps - 9));
        Assert.That(result.Options.Normalization, Is.EqualTo(ProxyScale.Linear));

        // The same steps through vla eval replay's path (ar at fp32 against ar@int8): the deviations summed over the
        // bins are those of every step from the tenth on.
        using var observations = BagObservations.Open(bag, options);
        var replay = ReplayEvaluation.Run(_policy, null, observations, new ReplayOptions { Modes = [BenchMode.Parse("ar@int8")] });
        var expected = replay.Modes[0].Steps.Zip(replay.Modes[1].Steps).Skip(9)
            .Sum(p => Enumerable.Range(0, 6).Average(d => (double)Math.Abs(p.First.Step.Tokens[d] - p.Second.Step.Tokens[d])));
        Assert.That(result.Bins.Sum(b => b.Samples == 0 ? 0 : b.MeanDeviation["int8"] * b.Samples), Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Calibration_from_a_bag_without_a_camera_topic_is_refused_by_name()
    {
        var (bag, _) = RobotBags.Simulator("sqlite3");
        var options = new BagObservationOptions { CameraTopics = ["/no/such/camera", RobotBags.SimulatorCameras[1]] };
        Assert.That(() => DyqCalibration.RunBags(_policy, Settings(1), [bag], options), Throws.TypeOf<ReplayException>().With.Message.Contains("/no/such/camera"));
    }

    [Test]
    public void Map_fit_is_the_closest_non_decreasing_deviation_so_one_noisy_bin_does_not_raise_every_finer_one()
    {
        // Bin means 3 (1 step), none, 1 (3 steps), 5: the violation pools 3 and 1 x 3 into 1.5; the empty bin takes 1.5.
        Assert.That(CalibrationFit.NonDecreasing([[3], [], [1, 1, 1], [5]]), Is.EqualTo(new[] { 1.5, 1.5, 1.5, 5 }));
        Assert.That(CalibrationFit.NonDecreasing([[], [2], [0.5, 4.5]]), Is.EqualTo(new[] { 2.0, 2, 2.5 }), "a leading empty bin");
        Assert.That(CalibrationFit.NonDecreasing([[], []]), Is.All.EqualTo(double.PositiveInfinity), "nothing measured: nothing is safe");
        Assert.That(CalibrationFit.NonDecreasing([[2], [1], [0]]), Is.All.EqualTo(1.0));
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
        foreach (var dyq in modes.Skip(2))
            Assert.That(dyq.PrecisionSwitches, Is.EqualTo(SwitchesByScore(dyq.Episodes[0].Steps.Select(s => s.DyqScore))), dyq.Mode.Label);
        Assert.That(modes[0].PrecisionSwitches, Is.Zero);

        var run = new BenchRun(Package, "Cpu", null, options, modes);
        Assert.That(BenchReport.Table(run), Does.Contain($"{modes[2].PrecisionSwitches} switches, DyQ decision"));
        Assert.That(BenchHtmlReport.Render(run), Does.Contain("DyQ precision over the first episode of dyq+kerv"));
        var json = JsonDocument.Parse(BenchReport.Json(run)).RootElement.GetProperty("modes")[2];
        Assert.That(json.GetProperty("precision").GetString(), Is.EqualTo("dyq"));
        Assert.That(json.GetProperty("first_episode_precision").GetArrayLength(), Is.EqualTo(20));
        Assert.That(json.GetProperty("precision_switches").GetInt32(), Is.EqualTo(modes[2].PrecisionSwitches));
    }

    /// <summary>Hold 0: each step runs fp32 when S is above the threshold or not yet known (NaN), else int8.</summary>
    private static int SwitchesByScore(IEnumerable<double> scores)
    {
        var full = scores.Select(s => !(s <= Options.Threshold)).ToArray();
        return full.Zip(full.Skip(1)).Count(p => p.First != p.Second);
    }

    [Test]
    public void Step_report_counts_steps_per_precision_and_switches_for_diagnostics()
    {
        var env = new TabletopEnv(SmallImages);
        var source = new SimObservations(env, _policy.Package.Manifest.Image.Cameras);
        env.Reset(TaskCatalog.InSuite(TaskSuite.Spatial).First(), 3);
        source.BeginEpisode();
        _policy.BeginEpisode();
        _policy.Dyq = new DyqController(Options);
        var report = new StepReport();
        var output = _policy.CreateOutput();
        var scores = new List<double>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                _policy.Step(source.Observe(), output);
                report.Reset(i);
                report.SetPolicy(output.Statistics, output.Tokens.Length);
                scores.Add(output.Statistics.DyqScore);
                env.Step(output.Action);
            }
        }
        finally
        {
            _policy.Dyq = null;
            _policy.Model.SetPrecision("fp32");
        }
        var full = scores.Count(s => !(s <= Options.Threshold));
        Assert.That(report.PrecisionSteps.GetValueOrDefault("fp32"), Is.EqualTo(full));
        Assert.That(report.PrecisionSteps.GetValueOrDefault("int8"), Is.EqualTo(20 - full));
        Assert.That(report.PrecisionSwitches, Is.EqualTo(SwitchesByScore(scores)));
        var values = new StatusMessages("/vla_policy").ToDiagnostics(report, new Ros2.RosTime(0)).Status[0].Values.ToDictionary(v => v.Key, v => v.Value);
        Assert.That(values["precision_switches"], Is.EqualTo(report.PrecisionSwitches.ToString()));
        Assert.That(values["precision_steps"], Is.EqualTo(string.Join(", ", new[] { ("fp32", full), ("int8", 20 - full) }.Where(p => p.Item2 > 0).Select(p => $"{p.Item1} {p.Item2}"))));
        Assert.That(report.DyqMs, Is.Positive, "the last step's DyQ decision was timed");
        Assert.That(values["dyq_ms"], Is.EqualTo(report.DyqMs.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
