using System.Runtime.InteropServices;
using VlaRosNode.Messages;
using VlaRosNode.Messages.SensorMsgs;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>`vla bench cdr`: encode/decode of JointState (7 joints) and a 640x480 rgb8 Image, our generated code against
/// @foxglove/rosmsg2-serialization on the same payloads in the same run, Image also against a plain memcpy.</summary>
public sealed class CdrBenchCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("bench cdr")
        .Value("--runs", "N", "timed runs per measurement (the median is reported)", defaultValue: "7")
        .Value("--out", "DIR", "folder for cdr.md and cdr.json (default artifacts/bench)")
        .Switch("--no-npm", "leave the @foxglove/rosmsg2-serialization column empty");

    private const string EncodeOp = "encode";
    private const string DecodeOp = "decode";
    private const string DecodeReuseOp = "decode into reused msg"; // compared with npm's (only) decode
    private const string JointStateLabel = "JointState (7 joints)";
    private const string ImageLabel = "Image 640x480 rgb8";
    // Calls per timed run: some tens of milliseconds each.
    private const int JointStateCalls = 20_000;
    private const int ImageCalls = 200;

    public CdrBenchCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;

    public string Summary => "CDR encode/decode speed: C# vs @foxglove/rosmsg2-serialization vs memcpy; writes a report";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var options = new Settings(flags.Integer("--runs", 1, int.MaxValue), flags.Text("--out") ?? Path.Combine("artifacts", "bench"), flags.Has("--no-npm"));

        var jointState = JointState7();
        var image = Image640x480();
        var bench = new MicroBenchmark(options.Runs);
        var rows = new List<CdrBenchRow>();
        rows.AddRange(MeasureCSharp(JointStateLabel, jointState, JointStateCalls, bench, withMemcpy: false));
        rows.AddRange(MeasureCSharp(ImageLabel, image, ImageCalls, bench, withMemcpy: true));
        rows = AddNpm(rows, [(JointStateLabel, jointState, JointStateCalls), (ImageLabel, image, ImageCalls)], options);

        var command = "vla bench cdr " + string.Join(' ', args);
        var machine = $"{Environment.ProcessorCount} CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
        output.Write(CdrBenchReport.Table(rows));
        output.WriteLine();
        foreach (var goal in CdrBenchReport.Goals(rows))
            output.WriteLine(goal);

        Directory.CreateDirectory(options.OutDir);
        var markdown = Path.Combine(options.OutDir, "cdr.md");
        var json = Path.Combine(options.OutDir, "cdr.json");
        File.WriteAllText(markdown, CdrBenchReport.Markdown(rows, command.Trim(), machine));
        File.WriteAllText(json, CdrBenchReport.Json(rows, command.Trim(), machine));
        output.WriteLine($"\nreport: {markdown}, {json}");
        return 0;
    });

    private static IEnumerable<CdrBenchRow> MeasureCSharp<T>(string label, T message, int calls, MicroBenchmark bench, bool withMemcpy)
        where T : class, IRosMessage<T>, new()
    {
        var size = message.GetSerializedSize();
        var buffer = new byte[size];
        message.Serialize(buffer);
        var reuse = T.Deserialize(buffer);
        double? memcpyNs = null;
        if (withMemcpy)
        {
            var copy = new byte[size];
            memcpyNs = bench.Measure("memcpy", label, calls, () => buffer.AsSpan().CopyTo(copy)).NanosecondsPerCall;
        }
        CdrBenchRow Row(string op, Action body)
        {
            var measured = bench.Measure(op, label, calls, body);
            return new CdrBenchRow(label, op, size, measured.NanosecondsPerCall, measured.BytesPerCall, null, memcpyNs);
        }
        yield return Row(EncodeOp, () => message.Serialize(buffer));
        yield return Row(DecodeOp, () => T.Deserialize(buffer));
        yield return Row(DecodeReuseOp, () => T.Deserialize(buffer, reuse));
    }

    private List<CdrBenchRow> AddNpm(List<CdrBenchRow> rows, (string Label, IRosMessage Message, int Calls)[] messages, Settings options)
    {
        if (options.NoNpm)
            return rows;
        var script = NodeCdrBench.FindScript();
        if (script is null)
        {
            error.WriteLine($"npm column left empty: {NodeCdrBench.ScriptRelativePath} not found above the working directory");
            return rows;
        }
        var payloads = messages.Select(m =>
        {
            var cdr = new byte[m.Message.GetSerializedSize()];
            m.Message.Serialize(cdr);
            return (m.Label, m.Message.TypeInfo.RosName, cdr, m.Calls);
        });
        var npm = NodeCdrBench.Run(script, payloads, options.Runs).ToDictionary(r => r.Label);
        return rows.Select(row => row with
        {
            NpmNs = row.Operation == EncodeOp ? npm[row.Message].EncodeNs : npm[row.Message].DecodeNs,
        }).ToList();
    }

    private static JointState JointState7() => new()
    {
        Header = new() { Stamp = new() { Sec = 1_700_000_000, Nanosec = 5_000_000 }, FrameId = "base_link" },
        Name = ["panda_joint1", "panda_joint2", "panda_joint3", "panda_joint4", "panda_joint5", "panda_joint6", "panda_joint7"],
        Position = [0.0, -0.785, 0.0, -2.356, 0.0, 1.571, 0.785],
        Velocity = [0.01, -0.02, 0.03, -0.04, 0.05, -0.06, 0.07],
        Effort = [1.5, -2.5, 3.5, -4.5, 5.5, -6.5, 7.5],
    };

    private static Image Image640x480()
    {
        var data = new byte[640 * 480 * 3];
        new Random(7).NextBytes(data);
        return new Image
        {
            Header = new() { Stamp = new() { Sec = 1_700_000_000 }, FrameId = "camera_color_optical_frame" },
            Height = 480, Width = 640, Encoding = "rgb8", Step = 640 * 3, Data = data,
        };
    }

    private sealed record Settings(int Runs, string OutDir, bool NoNpm);
}
