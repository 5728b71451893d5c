using System.Diagnostics;
using System.Globalization;
using System.Text;
using VlaRosNode.Messages;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Dds;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>`vla bench dds`: C# publisher and subscriber in two processes over Cyclone DDS on loopback, next to
/// Cyclone's native ddsperf with the same configuration, sizes and rates; prints a table and writes a report.</summary>
public sealed class DdsBenchCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("bench dds")
        .Value("--seconds", "S", "length of each run", defaultValue: "5")
        .Choice("--scenario", DdsBenchScenario.All.Select(s => s.Name).ToArray(), "run one workload (default: all)")
        .WithDomain("DDS domain; ddsperf uses the next one")
        .Value("--report", "FILE", "report file", defaultValue: "dds-bench.md")
        .Value("--subscriber", "SCENARIO", "internal: run as the subscriber process this command starts");

    public DdsBenchCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "DDS throughput and one-way latency, C# vs native ddsperf (Image 30 Hz / max, JointState 1 kHz)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var seconds = flags.Number("--seconds", above: 0);
        var report = flags.Required("--report");
        var domain = PrivateDomain.From(flags);
        var scenarios = flags.Text("--scenario") is { } name ? [DdsBenchScenario.ByName(name)] : DdsBenchScenario.All.ToList();
        var subscriberOf = flags.Text("--subscriber") is { } of ? ParsedOptions.ParseWith("--subscriber", of, DdsBenchScenario.ByName) : null;
        try
        {
            if (subscriberOf is not null)
                return DdsBenchSubscriber.Run(subscriberOf, domain, output);

            var configFile = Path.Combine(Path.GetTempPath(), $"vla-bench-dds-{Environment.ProcessId}.xml");
            File.WriteAllText(configFile, CycloneConfig.Loopback);
            var native = new NativeDdsPerf(configFile, domain + 1);
            var rows = new List<Row>();
            foreach (var scenario in scenarios)
            {
                output.WriteLine($"running {scenario.Description} for {seconds} s (C#, then ddsperf)...");
                var ours = RunOurs(scenario, domain, seconds);
                var size = scenario.PayloadSize;
                var nativeRate = native.Throughput(size, scenario.RateHz, seconds);
                var nativeLatency = scenario.RateHz > 0 ? native.Latency(size, scenario.RateHz, seconds) : (double.NaN, double.NaN, double.NaN);
                rows.Add(new Row(scenario, size, ours, nativeRate, nativeLatency));
            }
            File.Delete(configFile);
            var text = Format(rows, seconds);
            ReportFile.Save(output, report, text);
            return 0;
        }
        catch (Exception e) when (e is ToolError or DdsException)
        {
            error.WriteLine($"vla bench dds: {e.Message}");
            return 1;
        }
    });

    private sealed record Row(DdsBenchScenario Scenario, int Size, LatencySummary Ours, double NativeRate, (double P50, double P90, double P99) NativeLatency);

    /// <summary>Publishes from this process to a subscriber process for <paramref name="seconds"/>.</summary>
    private static LatencySummary RunOurs(DdsBenchScenario scenario, uint domain, double seconds)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            info.ArgumentList.Add(typeof(DdsBenchCommand).Assembly.Location);
        foreach (var a in new[] { "bench", "dds", "--subscriber", scenario.Name, "--domain", domain.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(a);
        using var subscriber = Process.Start(info) ?? throw new ToolError("cannot start the subscriber process");
        if (subscriber.StandardOutput.ReadLine() != "ready")
            throw new ToolError("the subscriber process did not start");

        using (var context = RosContext.Create([], new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback, LogOutput = TextWriter.Null }))
        using (var node = context.CreateNode("bench_publisher"))
        {
            Publish(node, scenario, scenario.Create(), seconds);
        }
        subscriber.StandardInput.Close();
        var result = subscriber.StandardOutput.ReadToEnd().Split('\n').Select(LatencySummary.Parse).LastOrDefault(r => r is not null);
        subscriber.WaitForExit();
        return result ?? throw new ToolError("the subscriber process reported no result");
    }

    /// <summary>Stamps and publishes the message at the scenario's rate (or back to back), serialising each time as a node would.</summary>
    private static void Publish(Node node, DdsBenchScenario scenario, IRosMessage message, double seconds)
    {
        var publisher = PublisherFor(node, scenario, message);
        var pacer = new RatePacer(scenario.RateHz);
        var start = RosClock.Steady;
        while (RosClock.Steady - start < TimeSpan.FromSeconds(seconds))
        {
            DdsBenchScenario.Stamp(message, RosClock.SystemNow);
            publisher(message);
            pacer.WaitNext();
        }
        Thread.Sleep(500); // let the last reliable samples be acknowledged
    }

    private static Action<IRosMessage> PublisherFor(Node node, DdsBenchScenario scenario, IRosMessage message) => message switch
    {
        Messages.SensorMsgs.Image => Typed<Messages.SensorMsgs.Image>(node, scenario),
        Messages.SensorMsgs.JointState => Typed<Messages.SensorMsgs.JointState>(node, scenario),
        _ => throw new ArgumentException(message.TypeInfo.RosName),
    };

    private static Action<IRosMessage> Typed<T>(Node node, DdsBenchScenario scenario) where T : class, IRosMessage<T>, new()
    {
        var publisher = node.CreatePublisher<T>("/bench", scenario.Qos);
        var deadline = RosClock.Steady + TimeSpan.FromSeconds(10);
        while (publisher.SubscriptionCount == 0 && RosClock.Steady < deadline)
            Thread.Sleep(10);
        return m => publisher.Publish((T)m);
    }

    private static string Format(List<Row> rows, double seconds)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("# vla bench dds: C# (VlaRosNode.Ros2 over the Cyclone shim) vs native ddsperf");
        s.AppendLine(inv, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, Cyclone DDS 0.10.2, loopback, 64 KB fragments, reliable; {seconds} s per run, publisher and subscriber in separate processes.");
        s.AppendLine("C# latency: subscriber callback time minus the header stamp set just before publishing (one way, includes CDR encode and decode).");
        s.AppendLine("ddsperf latency: ping/pong round trip / 2 at the same rate and payload size (ddsperf has no one-way mode). Throughput: samples/s received.");
        s.AppendLine();
        s.AppendLine("| workload | payload B | C# msgs/s | ddsperf msgs/s | C#/native | C# p50 / p90 / p99 ms | ddsperf p50 / p90 / p99 ms | p50 ratio |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var ratio = r.NativeRate > 0 ? r.Ours.RatePerSecond / r.NativeRate : double.NaN;
            var latencyRatio = r.Ours.P50Ms / r.NativeLatency.P50;
            s.AppendLine(inv, $"| {r.Scenario.Description} | {r.Size} | {r.Ours.RatePerSecond:0.0} | {r.NativeRate:0.0} | {ratio:0.00} | {r.Ours.P50Ms:0.000} / {r.Ours.P90Ms:0.000} / {r.Ours.P99Ms:0.000} | {Ms(r.NativeLatency)} | {(double.IsNaN(latencyRatio) ? "-" : latencyRatio.ToString("0.00", inv))} |");
        }
        return s.ToString();

        string Ms((double P50, double P90, double P99) l) => double.IsNaN(l.P50) ? "-" : string.Create(inv, $"{l.P50:0.000} / {l.P90:0.000} / {l.P99:0.000}");
    }
}
