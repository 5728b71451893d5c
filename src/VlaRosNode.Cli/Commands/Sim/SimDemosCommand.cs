using System.Globalization;
using VlaRosNode.Bag;
using VlaRosNode.Nodes.Simulation;
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

    public string Name => "sim demos";
    public string Summary => "write expert demonstrations as an .npz training dataset and optionally rosbag2 bags (--suite, --episodes, --seed, -o DIR, --bag)";

    private const string Usage =
        "usage: vla sim demos --suite spatial|object|goal|long|all --episodes N --seed S -o DIR [--size PIXELS] [--noise SIGMA] [--push PROBABILITY] [--bag mcap|sqlite3]";

    public int Run(IReadOnlyList<string> args)
    {
        string? suiteName = null, directory = null;
        int? episodes = null, seed = null;
        var size = 128;
        string? bagStorage = null;
        var expert = ExpertOptions.Demonstration(0);
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            var ok = true;
            switch (args[i])
            {
                case "--suite" when value is not null:
                    suiteName = value;
                    break;
                case "--episodes":
                    ok = int.TryParse(value, CultureInfo.InvariantCulture, out var n);
                    episodes = n;
                    break;
                case "--seed":
                    ok = int.TryParse(value, CultureInfo.InvariantCulture, out var s);
                    seed = s;
                    break;
                case "-o" or "--output" when value is not null:
                    directory = value;
                    break;
                case "--size":
                    ok = int.TryParse(value, CultureInfo.InvariantCulture, out size);
                    break;
                case "--noise":
                    ok = double.TryParse(value, CultureInfo.InvariantCulture, out var sigma);
                    expert = expert with { ActionNoise = sigma };
                    break;
                case "--push":
                    ok = double.TryParse(value, CultureInfo.InvariantCulture, out var p);
                    expert = expert with { PerturbationProbability = p };
                    break;
                case "--bag" when value is "mcap" or "sqlite3":
                    bagStorage = value;
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage);
                    return 0;
                default:
                    ok = false;
                    break;
            }
            if (!ok)
                return Fail($"bad argument '{args[i]}'{(value is null ? "" : $" '{value}'")}");
            i++;
        }
        if (suiteName is null || episodes is null || seed is null || directory is null)
            return Fail("--suite, --episodes, --seed and -o are required");

        try
        {
            var suite = suiteName == "all" ? (TaskSuite?)null : TaskCatalog.ParseSuite(suiteName);
            var options = new DemoOptions(suite, episodes.Value, seed.Value, directory)
            {
                Sim = new SimOptions { ImageWidth = size, ImageHeight = size },
                Expert = expert,
            };
            var done = 0;
            var summary = DemoDatasetWriter.Write(options, result =>
            {
                done++;
                output.WriteLine($"episode {done}/{episodes}: {TaskCatalog.All[result.TaskId].Name} seed {result.Seed}, {result.Steps} steps, {result.Regrasps} regrasps, {result.PerturbedSteps} pushed steps");
            });
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
            return Fail(e.Message);
        }
    }

    private int Fail(string message)
    {
        error.WriteLine($"vla sim demos: {message}\n{Usage}");
        return 2;
    }
}
