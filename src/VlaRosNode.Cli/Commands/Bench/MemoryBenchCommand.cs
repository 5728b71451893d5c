using System.Diagnostics;
using System.Globalization;
using System.Text;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>
/// <c>vla bench memory</c>: resident memory of the policy per precision configuration, each measured in a fresh child
/// process (so one configuration's arenas cannot hide in another's), after a few simulator steps at every precision
/// it holds. "Added by the policy" is the child's RSS after those steps minus before the package was loaded (the
/// simulator already rendered): every session, KV buffer, arena and the policy code's JIT; weight bytes are the
/// decoder and drafter files the configuration loads.
/// </summary>
public sealed class MemoryBenchCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly string[] DefaultConfigs = ["fp32=fp32", "int8=int8", "int4=int4", "int4-acc0=int4:acc0", "dyq=int4:acc0+int4:acc4"];

    private static readonly CommandOptions Options = new CommandOptions("bench memory")
        .Value("--model", "DIR", "model package", required: true)
        .Value("--config", "LABEL=PRECISION[+PRECISION...]", $"configuration (default {string.Join(", ", DefaultConfigs)})", repeatable: true)
        .Value("--steps", "N", "simulator steps at each precision before measuring", defaultValue: "6")
        .Value("--report", "FILE", "markdown report", defaultValue: "bench-memory.md")
        .Value("--child", "PRECISIONS", "(internal) measure one configuration in this process");

    public MemoryBenchCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "resident memory (RSS, one child process each) and weight bytes of fp32, int8, int4 and DyQ configurations";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var model = flags.ExistingPath("--model");
        var steps = flags.Integer("--steps", 1, 1000);
        var configs = (flags.All("--config").Count > 0 ? flags.All("--config") : DefaultConfigs)
            .Select(c => ParsedOptions.ParseWith("--config", c, Parse)).ToArray();
        try
        {
            if (flags.Text("--child") is { } child)
                return Child(model, child, steps);
            var package = ModelPackage.Load(model);
            var rows = configs.Select(c => (c.Label, c.Precisions, Bytes: WeightBytes(package, c.Precisions), Rss: Measure(package.Directory, string.Join('+', c.Precisions), steps))).ToArray();
            var fp32 = rows.FirstOrDefault(r => r.Label == "fp32");
            var table = new StringBuilder();
            table.AppendLine("| configuration | precisions | decoder+drafter file bytes | weight bytes vs fp32 | RSS MB | RSS added by the policy MB | added vs fp32 |");
            table.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var r in rows)
                table.AppendLine($"| {r.Label} | {string.Join(" + ", r.Precisions)} | {r.Bytes} | {Percent(r.Bytes, fp32.Bytes)} | {Mb(r.Rss.After)} | " +
                    $"{Mb(r.Rss.After - r.Rss.Before)} | {Percent(r.Rss.After - r.Rss.Before, fp32.Rss.After - fp32.Rss.Before)} |");
            output.Write(table);
            var report = flags.Required("--report");
            File.WriteAllText(report, $"# vla bench memory\n\npackage {package.Directory}, {steps} simulator steps per precision, " +
                $"one child process per row\n\n{table}");
            output.WriteLine($"report: {report}");
            return 0;
        }
        catch (Exception e) when (InputErrors.Contains(e) || e is InvalidOperationException)
        {
            error.WriteLine($"vla bench memory: {e.Message}");
            return 1;
        }
    });

    private static (string Label, string[] Precisions) Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new ArgumentException("not LABEL=PRECISION[+PRECISION...]");
        return (text[..eq], text[(eq + 1)..].Split('+'));
    }

    /// <summary>Bytes of the distinct decoder and drafter files the precisions load.</summary>
    private static long WeightBytes(ModelPackage package, IEnumerable<string> precisions)
    {
        var m = package.Manifest;
        var files = precisions.Distinct()
            .SelectMany(p => new[] { m.Decoder.Files.GetValueOrDefault(p), m.Drafter?.Files.GetValueOrDefault(p) })
            .OfType<string>().Distinct();
        return files.Sum(f => new FileInfo(package.PathOf(f)).Length);
    }

    private static (long Before, long After) Measure(string model, string child, int steps)
    {
        var info = SelfProcess.StartInfo(["bench", "memory", "--model", model, "--child", child, "--steps", steps.ToString(CultureInfo.InvariantCulture)]);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start a child `vla bench memory`");
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var words = stdout.Trim().Split(' ');
        if (process.ExitCode != 0 || words.Length != 2 || !long.TryParse(words[0], CultureInfo.InvariantCulture, out var before)
            || !long.TryParse(words[1], CultureInfo.InvariantCulture, out var after))
            throw new InvalidOperationException($"the child for '{child}' failed (exit {process.ExitCode}): {stderr.Trim()}");
        return (before, after);
    }

    /// <summary>In the child: render the simulator once, load ONNX Runtime and note VmRSS, then load the configuration, step the
    /// simulator at each of its precisions and note VmRSS again; prints both.</summary>
    private int Child(string model, string precisions, int steps)
    {
        var package = ModelPackage.Load(model);
        var list = precisions.Split('+');
        var env = new TabletopEnv();
        var source = new SimObservations(env, package.Manifest.Image.Cameras);
        env.Reset(TaskCatalog.All[0], 0);
        source.Observe();
        Microsoft.ML.OnnxRuntime.OrtEnv.Instance(); // the native library is loaded before the first measurement
        var before = ResidentMemory.Bytes();
        using var policy = new VlaPolicy(package, LoadedModel.Open(package, new EngineOptions { Precision = list[0], SwitchablePrecisions = list }),
            new VlaRosNode.Policy.Decoding.GreedyDecoding());
        var result = policy.CreateOutput();
        for (var i = 0; i < steps * list.Length; i++)
        {
            policy.Model.SetPrecision(list[i % list.Length]);
            policy.Step(source.Observe(), result);
            env.Step(result.Action);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{before} {ResidentMemory.Bytes()}"));
        return 0;
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Percent(long value, long reference) =>
        reference > 0 ? (100.0 * value / reference).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";
}
