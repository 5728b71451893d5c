using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Decoding;

/// <summary><c>vla datastore build</c>: HeiSD's retrieval datastore from the simulator's expert demonstrations,
/// keyed by the given model package's own visual embeddings.</summary>
public sealed class DatastoreBuildCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage =
        "usage: vla datastore build --model DIR --out FILE [--suite spatial|object|goal|long (repeatable; default all)]\n" +
        "                          [--episodes-per-task N (default 10)] [--first-seed S (default 100000)]\n" +
        "                          [--source expert|policy (default expert: successful scripted-expert episodes; policy: the\n" +
        "                           model's own greedy closed-loop runs, every episode)] [--max-steps N (policy runs; 0 = no cap)]";

    public DatastoreBuildCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => "datastore build";
    public string Summary => "build the retrieval datastore for retrieval/heisd decoding from simulator expert demonstrations";

    public int Run(IReadOnlyList<string> args)
    {
        FlagArguments flags;
        try
        {
            flags = new FlagArguments(args, ["model", "out", "suite", "episodes-per-task", "first-seed", "source", "max-steps"]);
            flags.Required("model");
            flags.Required("out");
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"vla datastore build: {e.Message}\n{Usage}");
            return 2;
        }
        try
        {
            var suites = flags.All("suite").Select(TaskCatalog.ParseSuite).DefaultIfEmpty().ToArray();
            var tasks = flags.All("suite").Count == 0 ? TaskCatalog.All : TaskCatalog.All.Where(t => suites.Contains(t.Suite)).ToArray();
            var perTask = flags.Integer("episodes-per-task", 10, 1);
            var first = flags.Integer("first-seed", 100000, 0);
            var source = (flags.Text("source") ?? "expert") switch
            {
                "expert" => DemonstrationSource.Expert,
                "policy" => DemonstrationSource.Policy,
                var other => throw new ArgumentException($"--source '{other}' is not expert or policy"),
            };
            using var policy = VlaPolicy.Open(flags.Required("model"));
            output.WriteLine($"{source} trajectories: {tasks.Count} tasks x {perTask} seeds from {first}");
            var store = DemonstrationDatastore.Build(policy, tasks, Enumerable.Range(first, perTask).ToArray(), null, out var summary, output,
                source, flags.Integer("max-steps", 0, 0));
            DatastoreFile.Save(store, flags.Required("out"));
            output.WriteLine($"{summary.SuccessfulEpisodes}/{summary.Episodes} successful episodes -> {summary.Entries} entries in " +
                $"{summary.Collections} collections, key dimension {store.KeyDimension}: {flags.Required("out")}");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or ModelPackageException or IOException)
        {
            error.WriteLine($"vla datastore build: {e.Message}");
            return 1;
        }
    }
}
