using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VlaRosNode.Bag;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>`vla bench bag`: write throughput of our MCAP writer, and read throughput of our reader against
/// @mcap/core on the same generated files (uncompressed and zstd) in the same run. Table + report file.</summary>
public sealed class BagBenchCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string NodeScript = "tests/bag-crosscheck/bench-read.js";
    private static readonly CommandOptions Options = new CommandOptions("bench bag")
        .Value("--size-mb", "N", "size of each generated bag in MB", defaultValue: "1024")
        .Value("--runs", "N", "alternating read runs per reader", defaultValue: "3")
        .Value("--dir", "DIR", "scratch folder, emptied first (default: vla-bag-bench in the temp folder)")
        .Value("--report", "FILE", "report file", defaultValue: "bag-bench.md")
        .Switch("--keep", "keep the generated bags");

    public BagBenchCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => Options.Command;
    public string Summary => "MCAP read throughput (ours vs @mcap/core) and write throughput on a generated camera + joint-state bag";

    /// <param name="CpuSeconds">Processor time of all the reader's threads (the machine may be shared; this is the work done).</param>
    private sealed record Measurement(string Label, long Messages, long Bytes, double Seconds, double CpuSeconds)
    {
        public double MessagesPerSecond => Messages / Seconds;
        public double MegabytesPerSecond => Bytes / Seconds / 1e6;
    }

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var sizeMb = flags.Integer("--size-mb", 1L, long.MaxValue);
        var runs = flags.Integer("--runs", 1, int.MaxValue);
        var dir = flags.Text("--dir") ?? Path.Combine(Path.GetTempPath(), "vla-bag-bench");
        var report = flags.Required("--report");
        var keep = flags.Has("--keep");
        var script = RepoFiles.Find(NodeScript);
        if (script is null)
        {
            error.WriteLine($"vla bench bag: {NodeScript} not found above the working directory (run from the repository, after npm ci there)");
            return 2;
        }

        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        try
        {
            var workload = new BagBenchWorkload();
            var rows = new List<(string File, Measurement Write, List<Measurement> Ours, List<Measurement> McapCore)>();
            foreach (var compression in new[] { BagCompression.None, BagCompression.Zstd })
            {
                var name = compression == BagCompression.None ? "uncompressed" : "zstd";
                var folder = Path.Combine(dir, name);
                output.WriteLine($"writing {sizeMb} MB {name} bag to {folder} ...");
                var clock = Stopwatch.StartNew();
                var (messages, bytes) = workload.Write(folder, new BagWriterOptions("mcap", compression), sizeMb * 1_000_000);
                var write = new Measurement("ours", messages, bytes, clock.Elapsed.TotalSeconds, double.NaN);
                var file = Directory.EnumerateFiles(folder, "*.mcap").Single();
                List<Measurement> ours = [], mcapCore = [];
                // Alternate the readers so both see the same page-cache state and machine load.
                for (var run = 0; run < runs; run++)
                {
                    ours.Add(ReadOurs(file));
                    mcapCore.Add(ReadMcapCore(script, file));
                    output.WriteLine($"  run {run + 1}: ours {ours[^1].Seconds:F2} s, @mcap/core {mcapCore[^1].Seconds:F2} s");
                }
                var check = ours[0];
                if (mcapCore.Any(m => m.Messages != check.Messages || m.Bytes != check.Bytes) || check.Messages != messages)
                    throw new InvalidOperationException($"readers disagree on {file}: ours {check.Messages} msgs/{check.Bytes} B, @mcap/core {mcapCore[0].Messages}/{mcapCore[0].Bytes}, written {messages}");
                rows.Add(($"{name} ({new FileInfo(file).Length / 1e6:F0} MB file, {messages} msgs)", write, ours, mcapCore));
            }
            var text = Format(rows, sizeMb, runs);
            ReportFile.Save(output, report, text);
            return 0;
        }
        finally
        {
            if (!keep)
                Directory.Delete(dir, recursive: true);
        }
    });

    private static Measurement ReadOurs(string file)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long messages = 0, bytes = 0, checksum = 0;
        using (var bag = BagReader.Open(file))
        {
            foreach (var message in bag.ReadMessages())
            {
                messages++;
                bytes += message.Data.Length;
                checksum += message.Data.Span[^1];
            }
        }
        GC.KeepAlive(checksum);
        return new Measurement("ours", messages, bytes, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    private static Measurement ReadMcapCore(string script, string file)
    {
        var start = new ProcessStartInfo("node", [Path.GetFileName(script), file])
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"node {script} failed (did 'npm ci' run in its folder?):\n{stderr.Result}");
        var result = JsonNode.Parse(stdout)!;
        return new Measurement("@mcap/core", (long)result["messages"]!, (long)result["bytes"]!, (double)result["seconds"]!, (double)result["cpuSeconds"]!);
    }

    private static Measurement Median(List<Measurement> runs) => runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);

    private static string Format(List<(string File, Measurement Write, List<Measurement> Ours, List<Measurement> McapCore)> rows, long sizeMb, int runs)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(inv, $"# vla bench bag: {sizeMb} MB of 640x480 rgb8 images (30 Hz) + 7-joint states (100 Hz)");
        s.Append(inv, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}, node {NodeVersion()}; ");
        s.Append(inv, $"read = open + every message in log-time order with chunk CRCs checked, median of {runs} alternating runs; ");
        s.AppendLine("write = MCAP with 768 KiB chunks, fsync per chunk (the recorder's setting). MB = 10^6 bytes of message payload.");
        s.AppendLine(inv, $"Load average when the report was written: {LoadAverage()}.");
        s.AppendLine();
        s.AppendLine("| file | operation | reader/writer | msgs/s | MB/s | seconds | CPU seconds | speed-up (wall) |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var (file, write, ours, mcapCore) in rows)
        {
            var o = Median(ours);
            var m = Median(mcapCore);
            s.AppendLine(inv, $"| {file} | read | ours | {o.MessagesPerSecond:F0} | {o.MegabytesPerSecond:F0} | {o.Seconds:F2} | {o.CpuSeconds:F2} | {m.Seconds / o.Seconds:F2}x |");
            s.AppendLine(inv, $"| {file} | read | @mcap/core 2.2.2 | {m.MessagesPerSecond:F0} | {m.MegabytesPerSecond:F0} | {m.Seconds:F2} | {m.CpuSeconds:F2} | |");
            s.AppendLine(inv, $"| {file} | write | ours | {write.MessagesPerSecond:F0} | {write.MegabytesPerSecond:F0} | {write.Seconds:F2} | | |");
        }
        return s.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string NodeVersion()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true })!;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }
}
