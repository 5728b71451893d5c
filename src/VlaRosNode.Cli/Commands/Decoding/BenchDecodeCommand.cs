using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Dyq;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Policy.TokenCache;
using VlaRosNode.Cli.Commands.Policy;
using VlaRosNode.Cli.Commands.Sim;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Decoding;

/// <summary><c>vla bench decode</c>: every decoding mode in closed loop in the simulator on the same seeds; prints
/// the table and writes a JSON and an HTML report.</summary>
public sealed class BenchDecodeCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("bench decode")
        .Value("--model", "DIR", "model package", required: true)
        .Value("--datastore", "FILE", "retrieval datastore (retrieval and heisd need one; make it with `vla datastore build`)")
        .Value("--mode", "[LABEL=]STRATEGY[:name=value,...][@PRECISION|@dyq[:FULL/LOW]][+cache]", "decoding mode (default ar, spec, retrieval, heisd, kerv), optionally at a fixed decoder precision or with DyQ, and with visual token caching", repeatable: true)
        .Switch("--token-cache", "also run every mode with visual token caching (MODE+cache), on the same seeds")
        .Value("--token-cache-params", "name=value,...", "settings of +cache modes: threshold, max-reused-share, refresh-every, max-translation, max-rotation (docs/token-cache.md)")
        .Choice("--suite", SuiteNames.All, "task suite (default all)", repeatable: true)
        .Value("--episodes", "N", "episodes per suite", defaultValue: "50")
        .Switch("--dyq", "DyQ's comparison instead of --mode: fp32 (ar, the reference), int8, int4, DyQ alone and with heisd and kerv")
        .Value("--dyq-params", "FILE", "settings of @dyq modes: a parameter file from `vla dyq calibrate` (default: DyQ's defaults)")
        .Value("--first-seed", "S", "seed of the first episode", defaultValue: "0")
        .Value("--max-steps", "N", "step cap per episode (0 = the simulator's limit)", defaultValue: "0")
        .WithEngine()
        .Value("--report", "PREFIX", "writes PREFIX.json and PREFIX.html", defaultValue: "bench-decode");

    public BenchDecodeCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "closed-loop simulator benchmark of ar, spec, retrieval, heisd and kerv decoding, and of DyQ against static precisions (table, JSON, HTML)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var options = new DecodeBenchOptions
        {
            Modes = flags.All("--mode").Count > 0 ? flags.All("--mode").Select(m => ParsedOptions.ParseWith("--mode", m, BenchMode.Parse)).ToArray()
                : flags.Has("--dyq") ? DecodeBenchOptions.DyqModes : new DecodeBenchOptions().Modes,
            Suites = flags.All("--suite").Count == 0 ? Enum.GetValues<TaskSuite>() : flags.All("--suite").Select(TaskCatalog.ParseSuite).ToArray(),
            EpisodesPerSuite = flags.Integer("--episodes", 1, int.MaxValue),
            FirstSeed = flags.Integer("--first-seed", 0, int.MaxValue),
            MaxSteps = flags.Integer("--max-steps", 0, int.MaxValue),
        };
        if (flags.Has("--token-cache"))
            options = options with { Modes = [.. options.Modes, .. options.Modes.Where(m => !m.TokenCache).Select(m => m with { Label = m.Label + BenchMode.CacheSuffix, TokenCache = true })] };
        if (flags.Has("--token-cache-params"))
            options = options with { TokenCache = ParsedOptions.ParseWith("--token-cache-params", flags.Required("--token-cache-params"), TokenCacheOptions.Parse) };
        if (flags.Has("--dyq-params"))
            options = options with { Dyq = ParsedOptions.ParseWith("--dyq-params", flags.ExistingPath("--dyq-params"), p => DyqParameters.Load(p, "/" + PolicyNode.DefaultName, new())) };
        var datastorePath = EngineFlags.Datastore(flags, options.Modes);
        var engine = EngineFlags.Engine(flags);
        engine = engine with { SwitchablePrecisions = PolicyMode.SwitchablePrecisions(options.Modes, engine.Precision, options.Dyq) };
        var model = flags.ExistingPath("--model");
        var prefix = flags.Required("--report");
        try
        {
            var datastore = datastorePath is null ? null : DatastoreFile.Load(datastorePath);
            using var policy = VlaPolicy.Open(model, engine);
            if (policy.Model.FallbackReason is { } reason)
                error.WriteLine($"vla bench decode: {reason}");
            output.WriteLine($"{options.Modes.Count} modes x {options.Suites.Count} suites x {options.EpisodesPerSuite} episodes (seeds from {options.FirstSeed})");
            var modes = ClosedLoopBenchmark.Run(policy, datastore, options, progress: output);
            var run = new BenchRun(policy.Package.Directory, policy.Model.Device.ToString(), datastorePath, options, modes);
            output.WriteLine();
            output.Write(BenchReport.Table(run));
            ReportFile.SaveJsonAndHtml(output, prefix, BenchReport.Json(run), BenchHtmlReport.Render(run));
            return 0;
        }
        catch (Exception e) when (InputErrors.Contains(e))
        {
            error.WriteLine($"vla bench decode: {e.Message}");
            return 1;
        }
    });
}
