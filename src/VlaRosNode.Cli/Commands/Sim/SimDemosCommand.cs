using VlaRosNode.Bag;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Nodes.Simulation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Dataset;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Sim;

/// <summary>`vla sim demos`: scripted-expert demonstrations as a training dataset (see docs/simulator.md).</summary>
public sealed class SimDemosCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public SimDemosCommand() : this(Console.Out, Console.Error)
    {
    }

    private static readonly CommandOptions Options = new CommandOptions("sim demos")
        .Choice("--suite", SuiteNames.AllOrEach, "task suite", required: true)
        .Value("--episodes", "N", "episodes to write", required: true)
        .Value("--seed", "S", "first seed", required: true)
        .Value("--output", "DIR", "dataset folder", required: true, aliases: "-o")
        .Value("--size", "PIXELS", "camera image width and height", defaultValue: "128")
        .Value("--noise", "SIGMA", "expert action noise (default: the demonstration setting)")
        .Value("--push", "PROBABILITY", "chance per step of a perturbing push (default: the demonstration setting)")
        .Choice("--bag", ["mcap", "sqlite3"], "also write each episode as a rosbag2 bag in this storage")
        .Value("--policy", "DIR", "DAgger: this model package's policy (greedy, fp32) drives the arm and the expert only labels the states it reaches; failed episodes are kept");

    public string Name => Options.Command;
    public string Summary => "write expert demonstrations as an .npz training dataset and optionally rosbag2 bags (--suite, --episodes, --seed, -o DIR, --bag)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var suiteName = flags.Required("--suite");
        var episodes = flags.Integer("--episodes", int.MinValue, int.MaxValue);
        var seed = flags.Integer("--seed", int.MinValue, int.MaxValue);
        var directory = flags.Required("--output");
        var size = flags.Integer("--size", int.MinValue, int.MaxValue);
        var bagStorage = flags.Text("--bag");
        var policyPackage = flags.Has("--policy") ? flags.ExistingPath("--policy") : null;
        if (policyPackage is not null && bagStorage is not null)
            throw new UsageException("--bag replays the expert's episodes from their seeds, which cannot replay a policy's: use one or the other");
        if (policyPackage is not null && (flags.Has("--noise") || flags.Has("--push")))
            throw new UsageException("--noise and --push perturb the expert's own episodes; with --policy the expert only labels, without noise");
        var expert = ExpertOptions.Demonstration(0);
        if (flags.Has("--noise"))
            expert = expert with { ActionNoise = flags.Number("--noise") };
        if (flags.Has("--push"))
            expert = expert with { PerturbationProbability = flags.Number("--push") };
        try
        {
            var suite = suiteName == "all" ? (TaskSuite?)null : TaskCatalog.ParseSuite(suiteName);
            var options = new DemoOptions(suite, episodes, seed, directory)
            {
                Sim = new SimOptions { ImageWidth = size, ImageHeight = size },
                Expert = expert,
            };
            using var policy = policyPackage is null ? null : VlaPolicy.Open(policyPackage, new EngineOptions());
            var driver = policy is null ? null : new EpisodeDriver($"policy {Path.GetFullPath(policyPackage!)}", new PolicyDrivenEpisodes(policy).Run);
            var done = 0;
            var summary = DemoDatasetWriter.Write(options, result =>
            {
                done++;
                var outcome = driver is null ? "" : result.Success ? ", success" : ", failed";
                output.WriteLine($"episode {done}/{episodes}: {TaskCatalog.All[result.TaskId].Name} seed {result.Seed}, {result.Steps} steps{outcome}, {result.Regrasps} regrasps, {result.PerturbedSteps} pushed steps");
            }, driver);
            if (bagStorage is not null)
            {
                var bags = DemoBagWriter.Write(options, summary, new BagWriterOptions(bagStorage, BagCompression.Zstd, MessagesPerTransaction: 1000, SyncToDisk: false));
                output.WriteLine($"wrote {bags.Count} {bagStorage} bags to {Path.GetFullPath(Path.Combine(directory, DemoBagWriter.Folder))}");
            }
            output.WriteLine($"wrote {summary.Episodes.Count} episodes ({summary.Steps} steps, {summary.FailedAttempts} failed expert attempts replaced) to {Path.GetFullPath(directory)}");
            return 0;
        }
        catch (ArgumentException e)
        {
            // The dataset writer's checks of the values (e.g. episodes > 0) are about the command line too.
            throw new UsageException(e.Message);
        }
    });
}
