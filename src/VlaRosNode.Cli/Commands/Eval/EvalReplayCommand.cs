using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Nodes.Replay;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Cli.Commands.Policy;

namespace VlaRosNode.Cli.Commands.Eval;

/// <summary><c>vla eval replay BAG</c>: every chosen decoding mode open loop on a recorded bag, against ar and the
/// recorded command; prints the tables and writes a JSON and an HTML report.</summary>
public sealed class EvalReplayCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("eval replay", "BAG...", minPositionals: 1, maxPositionals: int.MaxValue)
        .Value("--model", "DIR", "model package", required: true)
        .Value("--modes", "MODE[,MODE...]", $"decoding modes without parameters, e.g. ar,spec,kerv,ar@int8,ar@dyq (default {string.Join(",", DecodingStrategies.Names)}); " +
            "plain ar is always run as the reference", repeatable: true)
        .Value("--mode", "[LABEL=]STRATEGY[:name=value,...][@PRECISION|@dyq[:FULL/LOW]]", "a decoding mode with parameters, optionally at a fixed " +
            "decoder precision (e.g. ar@int8) or with DyQ switching precisions by the arm's motion (e.g. ar@dyq)", repeatable: true)
        .Value("--precision", "PRECISION", "decoder precision of the modes without '@', ar's included", defaultValue: "fp32")
        .Value("--datastore", "FILE", "retrieval datastore (retrieval and heisd need one; `vla datastore build --bag` makes one from bags)")
        .Value("--max-steps", "N", "control steps to replay (0 = the whole bag)", defaultValue: "0")
        .WithEngine()
        .Value("--report", "PREFIX", "writes PREFIX.json and PREFIX.html", defaultValue: "replay")
        .BagObservationOptions()
        .Note("BAG: a rosbag2 folder, or one .mcap or .db3 file; several are replayed one after the other (each a new episode). See docs/replay.md.");

    public EvalReplayCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "open-loop replay of a rosbag2 bag: every decoding mode against ar and the recorded command (table, JSON, HTML)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var bagPaths = flags.Positional;
        var options = new ReplayOptions { Modes = Modes(flags), MaxSteps = flags.Integer("--max-steps", 0, int.MaxValue) };
        var datastorePath = EngineFlags.Datastore(flags, options.Modes);
        var precision = flags.Required("--precision");
        var engine = EngineFlags.Engine(flags) with
        {
            Precision = precision, SwitchablePrecisions = PolicyMode.SwitchablePrecisions(options.Modes, precision),
        };
        var model = flags.ExistingPath("--model");
        var prefix = flags.Required("--report");
        try
        {
            var datastore = datastorePath is null ? null : DatastoreFile.Load(datastorePath);
            using var policy = VlaPolicy.Open(model, engine);
            if (policy.Model.FallbackReason is { } reason)
                error.WriteLine($"vla eval replay: {reason}");
            var observationOptions = BagObservationFlags.Parse(flags, policy.Package.Manifest.Image.Cameras);
            var bags = new List<BagObservations>();
            using var close = new Disposer(bags);
            foreach (var path in bagPaths)
                bags.Add(BagObservations.Open(path, observationOptions));
            output.WriteLine($"replaying {bags.Count} bag(s) (cameras {string.Join(", ", bags[0].CameraTopics)}, {bags.Count(b => b.HasCommands)} with " +
                $"recorded commands) with {string.Join(", ", options.Modes.Select(m => m.Label))}");
            var run = ReplayEvaluation.Run(policy, datastore, bags, options, datastorePath, output);
            output.WriteLine();
            output.Write(ReplayReport.Table(run));
            ReportFile.SaveJsonAndHtml(output, prefix, ReplayReport.Json(run), ReplayHtmlReport.Render(run));
            return 0;
        }
        catch (Exception e) when (InputErrors.Contains(e))
        {
            error.WriteLine($"vla eval replay: {e.Message}");
            return 1;
        }
    });

    /// <summary>--modes names plain strategies; --mode adds labelled ones with parameters (commas separate their parameters).</summary>
    private static IReadOnlyList<BenchMode> Modes(ParsedOptions flags)
    {
        var plain = flags.All("--modes").SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(m => ParsedOptions.ParseWith("--modes", m, BenchMode.Parse));
        var modes = plain.Concat(flags.All("--mode").Select(m => ParsedOptions.ParseWith("--mode", m, BenchMode.Parse))).ToArray();
        foreach (var mode in modes)
            if (!DecodingStrategies.Names.Contains(mode.Strategy))
                throw new UsageException($"unknown decoding mode '{mode.Strategy}' (known: {string.Join(", ", DecodingStrategies.Names)})");
        return modes.Length == 0 ? new ReplayOptions().Modes : modes;
    }

    /// <summary>Closes every bag opened so far, also when a later one fails to open.</summary>
    private sealed class Disposer(List<BagObservations> bags) : IDisposable
    {
        public void Dispose() => bags.ForEach(b => b.Dispose());
    }
}
