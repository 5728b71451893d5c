using System.Globalization;
using VlaRosNode.Cli.Commands.Eval;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Nodes.Replay;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Cli.Commands.Sim;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Decoding;

/// <summary><c>vla datastore build</c>: HeiSD's retrieval datastore from the simulator's expert demonstrations or from
/// recorded bags (<c>--bag</c>), keyed by the given model package's own visual embeddings.</summary>
public sealed class DatastoreBuildCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("datastore build")
        .Value("--model", "DIR", "model package whose visual embeddings key the datastore", required: true)
        .Value("--out", "FILE", "datastore file to write", required: true)
        .Choice("--suite", SuiteNames.All, "task suite (default all)", repeatable: true)
        .Value("--episodes-per-task", "N", "seeds per task", defaultValue: "10")
        .Value("--first-seed", "S", "first seed", defaultValue: "100000")
        .Choice("--source", ["expert", "policy", "recorded"], "expert (default): successful scripted-expert episodes; policy: the model's own " +
            "greedy runs (closed loop in the simulator, successful ones only; on each observation of a bag); recorded (default with --bag): the bags' " +
            "recorded commands; repeat it to put several into one datastore (--source expert --source policy)", repeatable: true)
        .Switch("--keep-failed", "with --source policy in the simulator: keep the policy's failed runs too")
        .Value("--max-steps", "N", "step cap for policy runs (0 = no cap)", defaultValue: "0")
        .Value("--metric-window", "N", "end-effector poses of HeiSD's fused metric whose ranges are calibrated on the kept trajectories " +
            "(the heisd window you will run)", defaultValue: new HeisdOptions().Metric.Window.ToString(CultureInfo.InvariantCulture))
        .Value("--bag", "BAG", "build from this recorded bag instead of the simulator (rosbag2 folder, .mcap or .db3)", repeatable: true)
        .BagObservationOptions();

    public DatastoreBuildCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "build the retrieval datastore for retrieval/heisd decoding from simulator demonstrations or recorded bags (--bag)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags => flags.Has("--bag") ? FromBags(flags) : FromSimulator(flags));

    private int FromSimulator(ParsedOptions flags)
    {
        var sources = flags.All("--source").Select(SimulatorSource).Distinct().ToArray();
        var suites = flags.All("--suite").Select(TaskCatalog.ParseSuite).ToArray();
        var tasks = suites.Length == 0 ? TaskCatalog.All : TaskCatalog.All.Where(t => suites.Contains(t.Suite)).ToArray();
        var perTask = flags.Integer("--episodes-per-task", 1, int.MaxValue);
        var first = flags.Integer("--first-seed", 0, int.MaxValue);
        var options = new DatastoreBuildOptions
        {
            Sources = sources.Length == 0 ? [DemonstrationSource.Expert] : sources,
            MaxSteps = flags.Integer("--max-steps", 0, int.MaxValue),
            KeepFailedPolicyRuns = flags.Has("--keep-failed"),
            MetricWindow = flags.Integer("--metric-window", 3, 10000),
        };
        var model = flags.ExistingPath("--model");
        var outFile = flags.Required("--out");
        try
        {
            using var policy = VlaPolicy.Open(model);
            output.WriteLine($"{string.Join(" and ", options.Sources)} trajectories: {tasks.Count} tasks x {perTask} seeds from {first}");
            var store = DemonstrationDatastore.Build(policy, tasks, Enumerable.Range(first, perTask).ToArray(), null, out var summary, output, options);
            DatastoreFile.Save(store, outFile);
            output.WriteLine($"{summary.SuccessfulEpisodes}/{summary.Episodes} successful episodes -> {summary.Entries} entries in " +
                $"{summary.Collections} collections, key dimension {store.KeyDimension}: {outFile}");
            MetricCalibrationReport.Write(summary.Metric, output);
            return 0;
        }
        catch (Exception e) when (InputErrors.Contains(e))
        {
            error.WriteLine($"vla datastore build: {e.Message}");
            return 1;
        }
    }

    private static DemonstrationSource SimulatorSource(string source) => source switch
    {
        "expert" => DemonstrationSource.Expert,
        "policy" => DemonstrationSource.Policy,
        _ => throw new UsageException("--source recorded takes the actions of recorded bags: give --bag"),
    };

    private int FromBags(ParsedOptions flags)
    {
        if (flags.All("--source").Count > 1)
            throw new UsageException("with --bag give one --source (recorded or policy)");
        if (flags.Has("--keep-failed"))
            throw new UsageException("--keep-failed applies to policy runs in the simulator; a bag's steps are all kept");
        var source = (flags.Text("--source") ?? "recorded") switch
        {
            "recorded" => DemonstrationSource.Recorded,
            "policy" => DemonstrationSource.Policy,
            var other => throw new UsageException($"--source '{other}' does not apply to bags (recorded or policy)"),
        };
        var model = flags.ExistingPath("--model");
        var outFile = flags.Required("--out");
        try
        {
            using var policy = VlaPolicy.Open(model);
            var options = BagObservationFlags.Parse(flags, policy.Package.Manifest.Image.Cameras);
            output.WriteLine($"{flags.All("--bag").Count} bag(s), actions from {(source == DemonstrationSource.Recorded ? "the recorded commands" : "the policy")}");
            var store = BagDatastore.Build(policy, flags.All("--bag"), options, source, out var summary, output);
            DatastoreFile.Save(store, outFile);
            output.WriteLine($"{summary.Steps} steps of {summary.Bags} bag(s) ({summary.Unlabelled} without a full recorded action) -> {summary.Entries} entries " +
                $"in {summary.Collections} collections ({summary.Segments} segments), key dimension {store.KeyDimension}: {outFile}");
            return 0;
        }
        catch (Exception e) when (InputErrors.Contains(e))
        {
            error.WriteLine($"vla datastore build: {e.Message}");
            return 1;
        }
    }
}
