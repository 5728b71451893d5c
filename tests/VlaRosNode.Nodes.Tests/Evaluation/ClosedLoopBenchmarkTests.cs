using System.Text.Json;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Tests.Evaluation;

/// <summary>The datastore built from simulator demonstrations and the closed-loop benchmark, on the real tiny
/// ONNX package driving the real simulator.</summary>
public class ClosedLoopBenchmarkTests
{
    private static string Package => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "tiny-vla");
    private static readonly SimOptions SmallImages = new() { ImageWidth = 32, ImageHeight = 32 };
    private VlaPolicy _policy = null!;
    private ActionDatastore _store = null!;
    private DatastoreBuildSummary _summary = null!;
    private readonly TaskDefinition _task = TaskCatalog.InSuite(TaskSuite.Object).First();

    [OneTimeSetUp]
    public void Build()
    {
        _policy = VlaPolicy.Open(Package);
        _store = DemonstrationDatastore.Build(_policy, [_task], [100000, 100001], SmallImages, out _summary);
    }

    [OneTimeTearDown]
    public void Close() => _policy.Dispose();

    [Test]
    public void Datastore_holds_every_step_of_the_successful_demonstrations()
    {
        Assert.That(_summary.SuccessfulEpisodes, Is.GreaterThan(0));
        var collection = _store.Find(_task.Instruction)!;
        Assert.That(collection.Count, Is.EqualTo(_summary.Entries));
        Assert.That(_store.Collections, Has.Count.EqualTo(1));
        Assert.That(_store.KeyDimension, Is.EqualTo(2 * 32));
        // Entries of one episode are consecutive: each holds the next steps' actions of its successor.
        for (var e = 0; e + 1 < collection.Count; e++)
            if (collection.Info(e + 1).Episode == collection.Info(e).Episode)
                Assert.That(collection.Actions(e, 1).ToArray(), Is.EqualTo(collection.Actions(e + 1).ToArray()), $"entry {e}");
    }

    [Test]
    public void Datastore_keys_and_actions_come_from_the_policy_and_the_expert()
    {
        // Replay the first demonstration's first step: its key is the policy's pooled embedding of the reset
        // scene, its action the expert's label tokenised with the package's statistics.
        var env = new TabletopEnv(SmallImages);
        var source = new SimObservations(env, _policy.Package.Manifest.Image.Cameras);
        var labels = new List<float[]>();
        var keys = new List<float[]>();
        Sim.Expert.ExpertRollout.Run(env, new Sim.Expert.ScriptedExpert(), _task, 100000, (_, label, _) =>
        {
            if (labels.Count > 0)
                return;
            var key = new float[_store.KeyDimension];
            VisualEmbedding.Pool(_policy.EncodeImages(source.Observe().Images), 2, key);
            keys.Add(key);
            labels.Add(label.ToArray());
        });
        var collection = _store.Find(_task.Instruction)!;
        Assert.That(collection.Info(0), Is.EqualTo(new DatastoreEntryInfo(0, 0, 4)));
        Assert.That(collection.Key(0).ToArray(), Is.EqualTo(keys[0]).Within(1e-6f));
        var manifest = _policy.Package.Manifest;
        var expected = new int[7];
        new ActionTokenizer(manifest.Action.VocabSize).Encode(labels[0], manifest.Statistics.Keys[_policy.UnnormKey], expected);
        Assert.That(collection.Actions(0).ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void Exact_modes_drive_the_same_episodes_as_ar()
    {
        var options = new DecodeBenchOptions
        {
            Modes = new[] { "ar", "spec:tolerance=0", "retrieval:tolerance=0",
                "heisd:verify-skip=none,drafter-tolerance=0,max-token-deviation=0,max-sum-deviation=0,mix-candidates=false,window=5" }
                .Select(BenchMode.Parse).ToArray(),
            Suites = [TaskSuite.Object],
            EpisodesPerSuite = 2,
            MaxSteps = 12,
        };
        var modes = ClosedLoopBenchmark.Run(_policy, _store, options, SmallImages);
        var ar = modes[0].Episodes.SelectMany(e => e.Steps).Select(s => s.Tokens).ToArray();
        Assert.That(ar, Has.Length.EqualTo(24));
        foreach (var mode in modes.Skip(1))
        {
            Assert.That(mode.Episodes.SelectMany(e => e.Steps).Select(s => s.Tokens), Is.EqualTo(ar), mode.Mode.Label);
            Assert.That(mode.Episodes.Select(e => (e.Task, e.Seed)), Is.EqualTo(modes[0].Episodes.Select(e => (e.Task, e.Seed))));
        }
        var heisd = modes[3];
        Assert.That(heisd.Branches.Keys, Does.Contain("warmup"));
        var branches = heisd.Branches.Values;
        Assert.That(branches.Sum(b => b.Steps), Is.EqualTo(heisd.StepCount));
        Assert.That(branches.Sum(b => b.TimeShare), Is.EqualTo(1).Within(1e-9));
        Assert.That(branches.Sum(b => b.Steps * b.MeanMs) / heisd.StepCount, Is.EqualTo(heisd.MeanMs).Within(1e-9));
        Assert.That(branches.Sum(b => b.Steps * b.TargetPassesPerStep) / heisd.StepCount, Is.EqualTo(heisd.TargetPassesPerStep).Within(1e-9));
        Assert.That(heisd.Branches["warmup"].TargetPassesPerStep, Is.EqualTo(7), "a warm-up step is greedy: one pass per token");
        var rejected = heisd.RejectedSequenceShares;
        Assert.That(rejected.Keys, Is.EquivalentTo(new[] { "position", "rotation", "gripper", "any" }));
        Assert.That(rejected.Values, Is.All.InRange(0.0, 1.0));
        Assert.That(rejected["any"], Is.GreaterThanOrEqualTo(rejected.Where(r => r.Key != "any").Max(r => r.Value)));
        Assert.That(modes[0].RejectedSequenceShares, Is.Empty, "ar verifies nothing");
        Assert.That(modes[2].RejectedSequenceShares, Is.Empty, "plain retrieval's steps are 'retrieval' too, but judge no sequences");
    }

    [Test]
    public void Policy_runs_as_datastore_are_replayed_by_retrieval_with_one_target_pass_per_step()
    {
        // The robot's own greedy runs of these seeds: retrieval then drafts exactly what the target would say.
        // The benchmark runs episode e as task e of the suite with seed 7 + e.
        var tasks = TaskCatalog.InSuite(TaskSuite.Object).Take(2).ToArray();
        var own = DemonstrationDatastore.Build(_policy, tasks, [7, 8], SmallImages, out var summary,
            options: new DatastoreBuildOptions { Sources = [DemonstrationSource.Policy], MaxSteps = 6, KeepFailedPolicyRuns = true });
        Assert.That(summary.Entries, Is.EqualTo(24));
        var options = new DecodeBenchOptions
        {
            Modes = new[] { "ar", "retrieval:tolerance=0" }.Select(BenchMode.Parse).ToArray(),
            Suites = [TaskSuite.Object],
            EpisodesPerSuite = 2,
            FirstSeed = 7,
            MaxSteps = 6,
        };
        var modes = ClosedLoopBenchmark.Run(_policy, own, options, SmallImages);
        var retrieval = modes[1].Episodes.SelectMany(e => e.Steps).ToArray();
        Assert.That(retrieval.Select(s => s.Tokens), Is.EqualTo(modes[0].Episodes.SelectMany(e => e.Steps).Select(s => s.Tokens)));
        Assert.That(retrieval.Select(s => s.TargetPasses), Is.All.EqualTo(1));
        Assert.That(retrieval.Select(s => s.AcceptedLength), Is.All.EqualTo(7));
    }

    [Test]
    public void Expert_and_policy_runs_share_one_datastore_and_failed_policy_runs_are_left_out_unless_kept()
    {
        // The tiny fixture never completes a task, so its capped runs are failures; the expert's are successes.
        var seeds = new[] { 100000 };
        var expertOnly = DemonstrationDatastore.Build(_policy, [_task], seeds, SmallImages, out var expert);
        var both = new DatastoreBuildOptions { Sources = [DemonstrationSource.Expert, DemonstrationSource.Policy], MaxSteps = 5 };
        var mixedStore = DemonstrationDatastore.Build(_policy, [_task], seeds, SmallImages, out var mixed, options: both);
        var kept = DemonstrationDatastore.Build(_policy, [_task], seeds, SmallImages, out var withFailed,
            options: both with { KeepFailedPolicyRuns = true });
        Assert.Multiple(() =>
        {
            Assert.That((mixed.Episodes, mixed.SuccessfulEpisodes), Is.EqualTo((2, 1)));
            Assert.That(mixedStore.Count, Is.EqualTo(expertOnly.Count), "the failed policy run is left out");
            // One metric sample per kept step with a full window (the expert's episode is longer than the window).
            Assert.That(mixed.Metric.Count, Is.EqualTo(expert.Entries - (mixed.Metric.Window - 1)));
            Assert.That(withFailed.Metric.Count, Is.EqualTo(mixed.Metric.Count), "a 5-step run never fills the window");
            Assert.That(withFailed.Entries, Is.EqualTo(expert.Entries + 5));
            var collection = kept.Find(_task.Instruction)!;
            Assert.That(collection.Info(collection.Count - 1), Is.EqualTo(new DatastoreEntryInfo(1, 4, 1)), "the policy run is episode 1");
            Assert.That(collection.Info(0).Episode, Is.EqualTo(0));
        });
        Assert.Throws<ArgumentException>(() => DemonstrationDatastore.Build(_policy, [_task], seeds, SmallImages, out _,
            options: new DatastoreBuildOptions { Sources = [DemonstrationSource.Recorded] }));
    }

    [Test]
    public void Report_has_a_row_per_mode_valid_json_and_three_plots()
    {
        var options = new DecodeBenchOptions
        {
            Modes = new[] { "ar", "fast=heisd:verify-skip=fixed-pattern,window=5", "kerv:fill-every=1", "retrieval" }.Select(BenchMode.Parse).ToArray(),
            Suites = [TaskSuite.Object, TaskSuite.Goal],
            EpisodesPerSuite = 1,
            MaxSteps = 10,
        };
        var run = new BenchRun(Package, "Cpu", "memory", options, ClosedLoopBenchmark.Run(_policy, _store, options, SmallImages));
        Assert.That(run.Speedup(run.Modes[0]), Is.EqualTo(1));
        var table = BenchReport.Table(run);
        Assert.That(table, Does.Contain("fast").And.Contain("kerv").And.Contain("object").And.Contain("goal"));

        using var json = JsonDocument.Parse(BenchReport.Json(run));
        var modes = json.RootElement.GetProperty("modes");
        Assert.That(modes.GetArrayLength(), Is.EqualTo(4));
        var heisd = modes[1];
        Assert.That(heisd.GetProperty("strategy").GetString(), Is.EqualTo("heisd"));
        Assert.That(heisd.GetProperty("steps").GetInt32(), Is.EqualTo(20));
        Assert.That(heisd.GetProperty("latency_ms").GetArrayLength(), Is.EqualTo(20));
        Assert.That(heisd.GetProperty("success_by_suite").GetProperty("goal").GetProperty("episodes").GetInt32(), Is.EqualTo(1));
        Assert.That(modes[0].GetProperty("speedup_over_ar").GetDouble(), Is.EqualTo(1));
        var paired = heisd.GetProperty("paired_with_baseline");
        Assert.That(paired.GetProperty("episodes").GetInt32(), Is.EqualTo(2));
        var expected = PairedSuccess.Of(run.Modes[0].Episodes, run.Modes[1].Episodes);
        Assert.That(paired.GetProperty("only_baseline_succeeded").GetInt32(), Is.EqualTo(expected.OnlyBaseline));
        Assert.That(modes[0].GetProperty("paired_with_baseline").GetProperty("difference_points").GetDouble(), Is.EqualTo(0));
        Assert.That(table, Does.Contain("vs base pts"));
        var readBack = ReportedRun.Parse(BenchReport.Json(run), "bench.json");
        Assert.That(readBack.Modes.Select(m => (m.Label, m.IsReference, m.Episodes.Count, m.LatencyMs.Length)),
            Is.EqualTo(run.Modes.Select(m => (m.Mode.Label, m.Mode.Label == "ar", m.Episodes.Count, m.StepCount))), "vla bench merge reads what bench decode writes");
        Assert.That(readBack.Modes[1].Episodes.Select(e => (e.Suite, e.Task, e.Seed, e.Success)),
            Is.EqualTo(run.Modes[1].Episodes.Select(e => (e.Suite, e.Task, e.Seed, e.Success))));
        Assert.That(heisd.GetProperty("branches").GetProperty("warmup").GetProperty("steps").GetInt32(), Is.EqualTo(8), "4 warm-up steps an episode");
        var retrieval = modes[3];
        Assert.That(retrieval.GetProperty("branches").GetProperty("retrieval").GetProperty("steps").GetInt32(), Is.Positive);
        Assert.That(retrieval.GetProperty("rejected_sequences").ValueKind, Is.EqualTo(JsonValueKind.Null), "plain retrieval judges no sequences");
        Assert.That(table, Does.Not.Contain("  retrieval: verified retrieval steps"));

        var html = BenchHtmlReport.Render(run);
        Assert.That(html.Split("<svg").Length - 1, Is.EqualTo(3));
        Assert.That(html, Does.Contain("Success vs speedup").And.Contain("latency").And.Contain("Accepted length"));
    }

    [Test]
    public void Mode_labels_strategies_and_parameters_parse()
    {
        Assert.That(BenchMode.Parse("ar"), Is.EqualTo(new BenchMode("ar", "ar", new Dictionary<string, string>())).Using<BenchMode>(Same));
        var mode = BenchMode.Parse("skip=heisd:verify-skip=fixed-pattern,top-k=3");
        Assert.That((mode.Label, mode.Strategy), Is.EqualTo(("skip", "heisd")));
        Assert.That(mode.Parameters, Is.EqualTo(new Dictionary<string, string> { ["verify-skip"] = "fixed-pattern", ["top-k"] = "3" }));
        Assert.That(BenchMode.Parse("spec:tolerance=0").Label, Is.EqualTo("spec:tolerance=0"));
    }

    private static bool Same(BenchMode a, BenchMode b) =>
        a.Label == b.Label && a.Strategy == b.Strategy && a.Parameters.Count == b.Parameters.Count;

    [Test]
    public void Unknown_camera_names_are_reported()
    {
        Assert.That(() => new SimObservations(new TabletopEnv(SmallImages), ["front", "overhead"]),
            Throws.ArgumentException.With.Message.Contains("'overhead'"));
    }
}
