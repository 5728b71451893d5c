using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Decoding;

/// <summary><c>vla bench decode</c>: every decoding mode in closed loop in the simulator on the same seeds; prints
/// the table and writes a JSON and an HTML report.</summary>
public sealed class BenchDecodeCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage =
        "usage: vla bench decode --model DIR [--datastore FILE] [--mode [LABEL=]STRATEGY[:name=value,...] (repeatable; default ar, spec,\n" +
        "                        retrieval, heisd, kerv)] [--suite NAME (repeatable; default all)] [--episodes N per suite (default 50)]\n" +
        "                        [--first-seed S (default 0)] [--max-steps N (0 = the simulator's limit)] [--threads N] [--device cpu|cuda]\n" +
        "                        [--report PREFIX (default bench-decode: writes PREFIX.json and PREFIX.html)]";

    public BenchDecodeCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => "bench decode";
    public string Summary => "closed-loop simulator benchmark of ar, spec, retrieval, heisd and kerv decoding (table, JSON, HTML)";

    public int Run(IReadOnlyList<string> args)
    {
        FlagArguments flags;
        DecodeBenchOptions options;
        try
        {
            flags = new FlagArguments(args, ["model", "datastore", "mode", "suite", "episodes", "first-seed", "max-steps", "threads", "device", "report"]);
            flags.Required("model");
            options = new DecodeBenchOptions
            {
                Modes = flags.All("mode").Count == 0 ? new DecodeBenchOptions().Modes : flags.All("mode").Select(BenchMode.Parse).ToArray(),
                Suites = flags.All("suite").Count == 0 ? Enum.GetValues<TaskSuite>() : flags.All("suite").Select(TaskCatalog.ParseSuite).ToArray(),
                EpisodesPerSuite = flags.Integer("episodes", 50, 1),
                FirstSeed = flags.Integer("first-seed", 0, 0),
                MaxSteps = flags.Integer("max-steps", 0, 0),
            };
            if (options.Modes.Any(m => DecodingStrategies.NeedsDatastore(m.Strategy)) && flags.Text("datastore") is null)
                throw new ArgumentException("retrieval and heisd need --datastore (make one with `vla datastore build`)");
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"vla bench decode: {e.Message}\n{Usage}");
            return 2;
        }
        try
        {
            var engine = new EngineOptions
            {
                IntraOpThreads = flags.Integer("threads", 1, 1),
                Device = flags.Text("device") == "cuda" ? ExecutionDevice.Cuda : ExecutionDevice.Cpu,
            };
            var datastorePath = flags.Text("datastore");
            var datastore = datastorePath is null ? null : DatastoreFile.Load(datastorePath);
            using var policy = VlaPolicy.Open(flags.Required("model"), engine);
            if (policy.Model.FallbackReason is { } reason)
                error.WriteLine($"vla bench decode: {reason}");
            output.WriteLine($"{options.Modes.Count} modes x {options.Suites.Count} suites x {options.EpisodesPerSuite} episodes (seeds from {options.FirstSeed})");
            var modes = ClosedLoopBenchmark.Run(policy, datastore, options, progress: output);
            var run = new BenchRun(policy.Package.Directory, policy.Model.Device.ToString(), datastorePath, options, modes);
            output.WriteLine();
            output.Write(BenchReport.Table(run));
            var prefix = flags.Text("report") ?? "bench-decode";
            File.WriteAllText(prefix + ".json", BenchReport.Json(run));
            File.WriteAllText(prefix + ".html", BenchHtmlReport.Render(run));
            output.WriteLine($"reports: {prefix}.json, {prefix}.html");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or ModelPackageException or DatastoreFormatException or IOException)
        {
            error.WriteLine($"vla bench decode: {e.Message}");
            return 1;
        }
    }
}
