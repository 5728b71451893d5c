using System.Text.Json;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Nodes.Replay;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Nodes.Tests.Replay;

/// <summary>Open-loop replay and datastores from bags, on the real tiny ONNX package (cameras front and wrist).</summary>
public class ReplayEvaluationTests
{
    private const int Frames = 12;
    private VlaPolicy _policy = null!;
    private string _bag = null!;
    private string _instruction = null!;
    private PythonFrame[] _frames = null!;

    private static BagObservationOptions Options => new()
    {
        CameraTopics = RobotBags.PythonCameras,
        InstructionTopic = RobotBags.PythonInstructionTopic,
        CommandTopic = RobotBags.PythonCommandTopic,
    };

    [OneTimeSetUp]
    public void Open()
    {
        _policy = VlaPolicy.Open(TestPaths.FixtureModel);
        (_bag, _instruction, _frames) = RobotBags.Python(Frames);
    }

    [OneTimeTearDown]
    public void Close() => _policy.Dispose();

    private ReplayRun Replay(IEnumerable<string> modes, Policy.Retrieval.ActionDatastore? datastore = null, string? bag = null, BagObservationOptions? options = null)
    {
        using var observations = BagObservations.Open(bag ?? _bag, options ?? Options);
        return ReplayEvaluation.Run(_policy, datastore, observations, new ReplayOptions { Modes = modes.Select(BenchMode.Parse).ToArray() });
    }

    [Test]
    public void Ar_alone_is_its_own_reference_with_zero_error_and_is_compared_with_the_recorded_command()
    {
        var run = Replay(["ar"]);
        var ar = run.Modes.Single();
        Assert.That(ar.StepCount, Is.EqualTo(Frames));
        var errors = run.AgainstAr(ar);
        Assert.That(errors.ExactRate, Is.EqualTo(100));
        Assert.That(Enumerable.Range(0, 7).Select(errors.MeanAbsoluteError), Is.All.EqualTo(0));
        Assert.That(run.Speedup(ar), Is.EqualTo(1));

        // Against the recorded command: the mean of |ar action - recorded action| computed here from the raw values.
        var recorded = run.AgainstRecorded(ar);
        Assert.That(recorded.Steps, Is.EqualTo(Frames));
        var expected = run.Steps.Zip(ar.Steps).Average(p => Math.Abs(p.Second.Action[0] - (double)p.First.RecordedAction![0]));
        Assert.That(recorded.MeanAbsoluteError(0), Is.EqualTo(expected).Within(1e-9));
        Assert.That(recorded.MeanAbsoluteError(0), Is.GreaterThan(0));
    }

    [Test]
    public void Exact_modes_reproduce_ar_on_every_recorded_step()
    {
        var store = BagDatastore.Build(_policy, [_bag], Options, DemonstrationSource.Recorded, out _);
        var run = Replay(["spec:tolerance=0", "retrieval:tolerance=0",
            "heisd:verify-skip=none,drafter-tolerance=0,max-token-deviation=0,max-sum-deviation=0,mix-candidates=false,window=5"], store);
        Assert.That(run.Modes.Select(m => m.Mode.Strategy), Is.EqualTo(new[] { "ar", "spec", "retrieval", "heisd" }), "ar is added first as the reference");
        foreach (var mode in run.Modes)
        {
            var errors = run.AgainstAr(mode);
            Assert.That(errors.Steps, Is.EqualTo(Frames), mode.Mode.Label);
            Assert.That(errors.ExactRate, Is.EqualTo(100), mode.Mode.Label);
            Assert.That(Enumerable.Range(0, 7).Select(errors.MaxAbsoluteError), Is.All.EqualTo(0), mode.Mode.Label);
        }
        Assert.That(run.Modes[3].Branches.Keys, Does.Contain("warmup"));
    }

    [Test]
    public void Policy_datastore_from_the_bag_drafts_every_step_whole()
    {
        var own = BagDatastore.Build(_policy, [_bag], Options, DemonstrationSource.Policy, out var summary);
        Assert.That((summary.Steps, summary.Entries, summary.Collections), Is.EqualTo((Frames, Frames, 1)));
        var run = Replay(["retrieval:tolerance=0"], own);
        var retrieval = run.Modes[1];
        Assert.That(retrieval.Steps.Select(s => s.Step.TargetPasses), Is.All.EqualTo(1));
        Assert.That(retrieval.Steps.Select(s => s.Step.AcceptedLength), Is.All.EqualTo(7));
        Assert.That(run.AgainstAr(retrieval).ExactRate, Is.EqualTo(100));
    }

    [Test]
    public void Recorded_datastore_holds_the_tokenised_commands_under_the_bags_instruction()
    {
        var store = BagDatastore.Build(_policy, [_bag], Options, DemonstrationSource.Recorded, out var summary);
        Assert.That((summary.Steps, summary.Unlabelled, summary.Segments), Is.EqualTo((Frames, 0, 1)));
        var collection = store.Find(_instruction)!;
        Assert.That(collection.Count, Is.EqualTo(Frames));
        using var observations = BagObservations.Open(_bag, Options);
        var first = observations.Steps().First().RecordedAction!;
        var manifest = _policy.Package.Manifest;
        var tokens = new int[7];
        new ActionTokenizer(manifest.Action.VocabSize, manifest.Action.Bins).Encode(first, manifest.Statistics.Keys[_policy.UnnormKey], tokens);
        Assert.That(collection.Actions(0).ToArray(), Is.EqualTo(tokens));
        Assert.That(collection.Info(0).Steps, Is.EqualTo(4), "the step and the next three");
    }

    [Test]
    public void Simulator_bag_sorts_steps_into_motion_phases_after_the_metrics_window()
    {
        var (bag, summary) = RobotBags.Simulator();
        var options = new BagObservationOptions { CameraTopics = RobotBags.SimulatorCameras };
        using var observations = BagObservations.Open(bag, options);
        var run = ReplayEvaluation.Run(_policy, null, observations, new ReplayOptions { Modes = [BenchMode.Parse("kerv")] });
        var steps = summary.Episodes.Single().Steps + 1;
        Assert.That(run.Steps, Has.Count.EqualTo(steps));
        var window = run.PhaseMetric.Window;
        Assert.That(run.Steps.Take(window - 1).Select(s => s.Phase), Is.All.EqualTo(MotionPhase.Warmup));
        Assert.That(run.Steps.Skip(window - 1).Select(s => s.Phase), Is.All.AnyOf(MotionPhase.FastStraight, MotionPhase.SlowFine));
        Assert.That(MotionPhase.All.Sum(p => run.Summary(run.Modes[1], ReplayRun.InPhase(p)).StepCount), Is.EqualTo(steps));
        Assert.That(run.AgainstRecorded(run.Modes[1]).Steps, Is.EqualTo(steps - 1), "every step but the final state has a command");
    }

    [Test]
    public void Report_has_every_mode_valid_json_and_the_plots()
    {
        var run = Replay(["ar", "kerv", "fast=spec:tolerance=3"]);
        var table = ReplayReport.Table(run);
        Assert.That(table, Does.Contain("fast").And.Contain("kerv").And.Contain("gripper").And.Contain("by motion phase").And.Contain("recorded command"));
        Assert.That(table, Does.Contain("no step in phase fast-straight, slow-fine"), "12 steps are all within the window of 15");

        using var json = JsonDocument.Parse(ReplayReport.Json(run));
        var root = json.RootElement;
        Assert.That(root.GetProperty("steps").GetArrayLength(), Is.EqualTo(Frames));
        var modes = root.GetProperty("modes");
        Assert.That(modes.GetArrayLength(), Is.EqualTo(3));
        Assert.That(modes[2].GetProperty("label").GetString(), Is.EqualTo("fast"));
        Assert.That(modes[2].GetProperty("against_ar").GetProperty("mean_abs_error").GetArrayLength(), Is.EqualTo(7));
        Assert.That(modes[0].GetProperty("against_ar").GetProperty("exact_steps_percent").GetDouble(), Is.EqualTo(100));
        Assert.That(modes[1].GetProperty("phases").GetProperty(MotionPhase.Warmup).GetProperty("steps").GetInt32(), Is.EqualTo(Frames), "12 steps < window 15");
        Assert.That(modes[1].GetProperty("actions").GetArrayLength(), Is.EqualTo(Frames));

        var html = ReplayHtmlReport.Render(run);
        Assert.That(html.Split("<svg").Length - 1, Is.EqualTo(7));
        Assert.That(html, Does.Contain("recorded command").And.Contain("motion phase"));
    }

    [Test]
    public void Several_bags_replay_one_after_the_other_each_a_new_episode()
    {
        var (second, _, _) = RobotBags.Python(5);
        using var first = BagObservations.Open(_bag, Options);
        using var next = BagObservations.Open(second, Options);
        var run = ReplayEvaluation.Run(_policy, null, [first, next], new ReplayOptions { Modes = [BenchMode.Parse("ar")] });
        Assert.That(run.Steps.Select(s => s.Index), Is.EqualTo(Enumerable.Range(0, Frames + 5)));
        Assert.That(run.Steps.Select(s => s.Episode), Is.EqualTo(Enumerable.Repeat(0, Frames).Concat(Enumerable.Repeat(1, 5))));
        Assert.That(run.Bags.Select(b => b.Read.Steps), Is.EqualTo(new[] { Frames, 5 }));
        Assert.That(run.Modes[0].Steps, Has.Count.EqualTo(Frames + 5));
    }

    [Test]
    public void Fixed_precision_and_dyq_modes_run_beside_the_fp32_reference()
    {
        var modes = new[] { "ar@int8", "ar@dyq:fp32/int8" }.Select(BenchMode.Parse).ToArray();
        using var policy = VlaPolicy.Open(TestPaths.FixtureModel, new EngineOptions { SwitchablePrecisions = PolicyMode.SwitchablePrecisions(modes, "fp32") });
        using var observations = BagObservations.Open(_bag, Options);
        var run = ReplayEvaluation.Run(policy, null, observations, new ReplayOptions { Modes = modes });
        Assert.That(run.Modes.Select(m => m.Mode.Label), Is.EqualTo(new[] { "ar", "ar@int8", "ar@dyq:fp32/int8" }));
        Assert.That(run.Modes[0].Precisions.Keys, Is.EqualTo(new[] { "fp32" }), "the reference keeps the precision the model was opened at");
        Assert.That(run.Modes[1].Precisions.Keys, Is.EqualTo(new[] { "int8" }));
        var dyq = run.Modes[2].Steps.Select(s => s.Step.Precision).ToArray();
        Assert.That(dyq, Is.All.AnyOf("fp32", "int8"));
        Assert.That(dyq.Take(new Policy.Dyq.DyqOptions().FinenessWindow - 1), Is.All.EqualTo("fp32"), "full precision until DyQ's windows are full");
        Assert.That(run.AgainstAr(run.Modes[1]).Steps, Is.EqualTo(Frames));
        Assert.That(policy.Model.Precision, Is.EqualTo("fp32"), "the policy is left at its own precision");
    }

    [Test]
    public void The_policy_is_left_as_it_was_found_token_cache_included()
    {
        var strategy = _policy.Strategy;
        var cache = new Policy.TokenCache.VisualTokenCache(new Policy.TokenCache.TokenCacheOptions(), _policy);
        _policy.TokenCache = cache;
        try
        {
            Replay(["spec", "ar+cache"]);
            Assert.That(_policy.Strategy, Is.SameAs(strategy));
            Assert.That(_policy.TokenCache, Is.SameAs(cache), "neither the modes' caches nor none stay on the policy");
            Assert.That(_policy.Dyq, Is.Null);
        }
        finally
        {
            _policy.TokenCache = null;
        }
    }

    [Test]
    public void Modes_parse_labels_parameters_and_precisions()
    {
        var mode = BenchMode.Parse("fast=spec:tolerance=3@int8");
        Assert.That((mode.Label, mode.Strategy, mode.Precision), Is.EqualTo(("fast", "spec", "int8")));
        Assert.That(mode.Parameters["tolerance"], Is.EqualTo("3"));
        var dyq = BenchMode.Parse("ar@dyq:int4:acc0/int4:acc4");
        Assert.That((dyq.Label, dyq.Precision), Is.EqualTo(("ar@dyq:int4:acc0/int4:acc4", "dyq:int4:acc0/int4:acc4")));
        Assert.That(PolicyMode.PrecisionsOf(dyq), Is.EqualTo(new[] { "int4:acc0", "int4:acc4" }));
        Assert.That(PolicyMode.PrecisionsOf(BenchMode.Parse("kerv@dyq")), Is.EqualTo(new Policy.Dyq.DyqOptions().Precisions));
        Assert.That(PolicyMode.IsReference(BenchMode.Parse("ar")) && !PolicyMode.IsReference(BenchMode.Parse("ar@int8")));
        Assert.That(() => BenchMode.Parse("ar@dyq:int8"), Throws.ArgumentException.With.Message.Contains("@dyq:FULL/LOW"));
        Assert.That(() => BenchMode.Parse("ar@"), Throws.ArgumentException.With.Message.Contains("empty precision"));
    }

    [Test]
    public void A_model_with_other_cameras_is_refused_before_any_step()
    {
        using var observations = BagObservations.Open(_bag, Options with { CameraTopics = ["/front/image_raw"] });
        Assert.That(() => ReplayEvaluation.Run(_policy, null, observations, new ReplayOptions()),
            Throws.ArgumentException.With.Message.Contains("the model sees 2 camera(s) [front, wrist] but").And.Message.Contains("camera topics 1 [/front/image_raw]"));
    }
}
