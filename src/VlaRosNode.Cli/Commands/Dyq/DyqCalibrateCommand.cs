using System.Globalization;
using VlaRosNode.Cli.Commands.Eval;
using VlaRosNode.Cli.Commands.Sim;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Dyq;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Dyq;

/// <summary><c>vla dyq calibrate</c>: DyQ's normalisation ranges and S -> precision map from simulated runs or recorded
/// bags, written as a ROS 2 parameter file for the policy node (<c>--params-file</c> or <c>dyq.map_file</c>).</summary>
public sealed class DyqCalibrateCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("dyq calibrate")
        .Value("--model", "DIR", "model package with the precisions named below", required: true)
        .Value("--out", "FILE", "parameter file to write", required: true)
        .Value("--full", "PRECISION", "full precision (above the threshold)", defaultValue: "int4:acc0")
        .Value("--lower", "PRECISION", "a lower precision, highest first (default int4:acc4)", repeatable: true)
        .Value("--bag", "BAG", "calibrate on this recorded bag's steps (open loop) instead of simulated runs", repeatable: true)
        .Choice("--suite", SuiteNames.All, "task suite (default all)", repeatable: true)
        .Value("--episodes", "N", "simulated episodes per suite", defaultValue: "2")
        .Value("--first-seed", "S", "seed of the first episode", defaultValue: "1000")
        .Value("--max-steps", "N", "step cap per episode", defaultValue: "150")
        .Value("--tolerance", "BINS", "largest mean action deviation from full precision (action bins, arm dimensions) a band may have", defaultValue: "2")
        .Value("--bins", "N", "score bins over [0, threshold]", defaultValue: "5")
        .Choice("--normalization", ["log", "linear"], "scale of M and J between their ranges (linear = HeiSD's min-max; default: the --params file's, else log)")
        .Value("--low-percentile", "P", "percentile of M and J normalised to 0", defaultValue: "5")
        .Value("--high-percentile", "P", "percentile of M and J normalised to 1 (HeiSD clips at the 95th)", defaultValue: "95")
        .Value("--params", "FILE", "start from these dyq.* parameters (threshold, lambda, windows, hold time)")
        .Value("--node", "NAME", "node the parameter file is for", defaultValue: PolicyNode.DefaultName)
        .BagObservationOptions();

    public DyqCalibrateCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "calibrate DyQ's score normalisation and S -> precision map from simulated runs or bags (writes a ROS 2 parameter file)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var node = "/" + flags.Required("--node").TrimStart('/');
        var settings = new DyqCalibration.Settings
        {
            FullPrecision = flags.Required("--full"),
            Lower = flags.All("--lower").Count > 0 ? flags.All("--lower") : ["int4:acc4"],
            Start = StartOptions(flags, node),
            Suites = flags.All("--suite").Count == 0 ? Enum.GetValues<TaskSuite>() : flags.All("--suite").Select(TaskCatalog.ParseSuite).ToArray(),
            EpisodesPerSuite = flags.Integer("--episodes", 1, 10000),
            FirstSeed = flags.Integer("--first-seed", 0, int.MaxValue),
            MaxSteps = flags.Integer("--max-steps", 1, 100000),
            Tolerance = flags.Number("--tolerance", atLeast: 0),
            Bins = flags.Integer("--bins", 1, 100),
            LowPercentile = flags.Number("--low-percentile", atLeast: 0),
            HighPercentile = flags.Number("--high-percentile", atLeast: 0),
        };
        var bags = flags.All("--bag");
        var model = flags.ExistingPath("--model");
        var outPath = flags.Required("--out");
        try
        {
            using var policy = VlaPolicy.Open(model, new EngineOptions { Precision = settings.FullPrecision, SwitchablePrecisions = settings.Lower });
            var bagOptions = bags.Count > 0 ? BagObservationFlags.Parse(flags, policy.Package.Manifest.Image.Cameras) : null;
            output.WriteLine($"DyQ calibration: {settings.FullPrecision} vs {string.Join(", ", settings.Lower)} on " +
                (bagOptions is null ? $"{settings.Suites.Count} suite(s) x {settings.EpisodesPerSuite} episode(s)" : $"{bags.Count} bag(s)"));
            var result = bagOptions is null ? DyqCalibration.RunSimulated(policy, settings, progress: output)
                : DyqCalibration.RunBags(policy, settings, bags, bagOptions, output);
            output.Write(result.Table());
            var o = result.Options;
            var comment = string.Create(CultureInfo.InvariantCulture,
                $"DyQ calibration by `vla dyq calibrate` for {policy.Package.Manifest.Name}: {result.Source}, {result.Steps} steps,\n" +
                $"tolerance {settings.Tolerance} action bins. Use: vla policy run --ros-args --params-file THIS, or dyq.map_file:=THIS.\n") + result.Table();
            File.WriteAllText(outPath, DyqParameters.ToYaml(o, node, comment.TrimEnd()));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"map: {string.Join(", ", o.Map.Bands.Select(b => $"S <= {b.MaxScore:0.###}: {b.Precision}"))}, above {o.Threshold}: {o.FullPrecision}; written to {outPath}"));
            return 0;
        }
        catch (Exception e) when (InputErrors.Contains(e))
        {
            error.WriteLine($"vla dyq calibrate: {e.Message}");
            return 1;
        }
    });

    /// <summary>The settings calibration starts from: the --params file's (or the defaults), with --normalization over them.</summary>
    private static DyqOptions StartOptions(ParsedOptions flags, string node)
    {
        var start = flags.Has("--params")
            ? ParsedOptions.ParseWith("--params", flags.ExistingPath("--params"), p => DyqParameters.Load(p, node, new DyqOptions()))
            : new DyqOptions();
        return flags.Has("--normalization") ? start with { Normalization = ProxyNormalization.Parse(flags.Required("--normalization")) } : start;
    }
}
