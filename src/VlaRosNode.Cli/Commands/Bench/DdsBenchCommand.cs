using System.Diagnostics;
using System.Globalization;
using System.Text;
using VlaRosNode.Messages;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Dds;
using VlaRosNode.Ros2.Tools;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>`vla bench dds`: C# publisher and subscriber in two processes over Cyclone DDS on loopback, next to
/// Cyclone's native ddsperf with the same configuration, sizes and rates; prints a table and writes a report.
/// Latency is compared like for like: ddsperf only measures round trips (ping/pong), so the C# side also runs a
/// ping/pong pass and both report round trip / 2; the C# one-way figure is shown beside it. ddsperf runs twice: taking
/// in a listener on the receive thread (its default, the fastest native figure) and on a thread woken by a waitset
/// (the thread structure of a ROS 2 executor, ours included).</summary>
public sealed class DdsBenchCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("bench dds")
        .Value("--seconds", "S", "length of each run", defaultValue: "5")
        .Value("--rounds", "N", "rounds of C# and ddsperf runs, one after the other; the table gives medians over rounds", defaultValue: "3")
        .Choice("--scenario", DdsBenchScenario.All.Select(s => s.Name).ToArray(), "run one workload (default: all)")
        .WithDomain("DDS domain; ddsperf uses the next one")
        .Value("--report", "FILE", "report file", defaultValue: "dds-bench.md")
        .Value("--subscriber", "SCENARIO", "internal: run as the subscriber process this command starts")
        .Switch("--echo", "internal: as the subscriber, send every message back (the pong of a round-trip run)");

    public DdsBenchCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "DDS throughput and one-way latency, C# vs native ddsperf (Image 30 Hz / max, JointState 1 kHz)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var seconds = flags.Number("--seconds", above: 0);
        var roundCount = flags.Integer("--rounds", 1, 100);
        var report = flags.Required("--report");
        var domain = PrivateDomain.From(flags);
        var scenarios = flags.Text("--scenario") is { } name ? [DdsBenchScenario.ByName(name)] : DdsBenchScenario.All.ToList();
        var subscriberOf = flags.Text("--subscriber") is { } of ? ParsedOptions.ParseWith("--subscriber", of, DdsBenchScenario.ByName) : null;
        try
        {
            if (subscriberOf is not null)
                return DdsBenchSubscriber.Run(subscriberOf, domain, flags.Has("--echo"), output);

            var configFile = Path.Combine(Path.GetTempPath(), $"vla-bench-dds-{Environment.ProcessId}.xml");
            File.WriteAllText(configFile, CycloneConfig.Loopback);
            var rows = new List<Row>();
            foreach (var scenario in scenarios)
            {
                // Rounds interleave the implementations, so a slow spell of the machine falls on all of them alike.
                var rounds = new List<Round>();
                for (var r = 1; r <= roundCount; r++)
                {
                    output.WriteLine($"running {scenario.Description} for {seconds} s, round {r} of {roundCount} (C#, then ddsperf with a listener and with a waitset)...");
                    var ours = RunOurs(scenario, domain, seconds, roundTrip: false);
                    // ddsperf's ping needs a rate; at full speed only throughput is compared.
                    var oursRoundTrip = scenario.RateHz > 0 ? RunOurs(scenario, domain, seconds, roundTrip: true) : null;
                    var native = RunNative(new NativeDdsPerf(configFile, domain + 1, waitSet: false), scenario, scenario.PayloadSize, seconds);
                    var nativeWaitSet = RunNative(new NativeDdsPerf(configFile, domain + 1, waitSet: true), scenario, scenario.PayloadSize, seconds);
                    rounds.Add(new Round(ours, oursRoundTrip, native, nativeWaitSet));
                }
                rows.Add(new Row(scenario, rounds));
            }
            File.Delete(configFile);
            var text = Format(rows, seconds, roundCount);
            ReportFile.Save(output, report, text);
            return 0;
        }
        catch (Exception e) when (e is ToolError or DdsException)
        {
            error.WriteLine($"vla bench dds: {e.Message}");
            return 1;
        }
    });

    private sealed record Round(LatencySummary Ours, LatencySummary? OursRoundTrip, NativeResult Native, NativeResult NativeWaitSet);

    /// <summary>A workload's rounds. Figures are medians over rounds; ratios are taken within each round first.</summary>
    private sealed record Row(DdsBenchScenario Scenario, List<Round> Rounds)
    {
        public double Median(Func<Round, double> value) => StepSummary.Percentile(Rounds.Select(value), 50);

        public IReadOnlyList<double> Each(Func<Round, double> value) => Rounds.Select(value).ToList();
    }

    private sealed record NativeResult(double Rate, (double P50, double P90, double P99) Latency);

    private static NativeResult RunNative(NativeDdsPerf ddsperf, DdsBenchScenario scenario, int size, double seconds) => new(
        ddsperf.Throughput(size, scenario.RateHz, seconds),
        scenario.RateHz > 0 ? ddsperf.Latency(size, scenario.RateHz, seconds) : (double.NaN, double.NaN, double.NaN));

    /// <summary>Publishes from this process to a subscriber process for <paramref name="seconds"/>: one way (the
    /// subscriber measures), or round trip (the subscriber echoes, this process measures round trip / 2).</summary>
    private static LatencySummary RunOurs(DdsBenchScenario scenario, uint domain, double seconds, bool roundTrip)
    {
        var info = SelfProcess.StartInfo(["bench", "dds", "--subscriber", scenario.Name, "--domain", domain.ToString(CultureInfo.InvariantCulture)]);
        info.RedirectStandardInput = info.RedirectStandardOutput = true;
        if (roundTrip)
            info.ArgumentList.Add("--echo");
        using var subscriber = Process.Start(info) ?? throw new ToolError("cannot start the subscriber process");
        if (subscriber.StandardOutput.ReadLine() != "ready")
            throw new ToolError("the subscriber process did not start");

        LatencySummary? roundTrips = null;
        using (var context = RosContext.Create([], new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback, LogOutput = TextWriter.Null }))
        using (var node = context.CreateNode("bench_publisher", options: DdsBenchScenario.BareNode))
        {
            var echoes = roundTrip ? ListenForEchoes(node, scenario) : null;
            Publish(node, scenario, scenario.Create(), seconds);
            roundTrips = echoes?.Invoke();
        }
        subscriber.StandardInput.Close();
        var result = subscriber.StandardOutput.ReadToEnd().Split('\n').Select(LatencySummary.Parse).LastOrDefault(r => r is not null);
        subscriber.WaitForExit();
        return roundTrips ?? result ?? throw new ToolError("the subscriber process reported no result");
    }

    /// <summary>Takes the echoed messages on the node's thread (decoded, as a node would) and records round trip / 2;
    /// the returned function summarises them once publishing is over.</summary>
    private static Func<LatencySummary> ListenForEchoes(Node node, DdsBenchScenario scenario)
    {
        var type = MessageRegistry.Get(scenario.RosType);
        var halfTrips = new List<double>(100_000);
        TimeSpan first = default, last = default;
        var echoes = node.CreateRawSubscription(DdsBenchSubscriber.EchoTopic, type.RosName, (payload, in _) =>
        {
            var now = RosClock.SystemNow;
            var sent = DdsBenchScenario.StampOf(type.Decode(payload));
            lock (halfTrips)
            {
                if (halfTrips.Count == 0)
                    first = RosClock.Steady;
                last = RosClock.Steady;
                halfTrips.Add((now - sent).TotalMilliseconds / 2);
            }
        }, scenario.Qos);
        node.StartSpinning();
        var deadline = RosClock.Steady + TimeSpan.FromSeconds(10);
        while (echoes.PublisherCount == 0 && RosClock.Steady < deadline)
            Thread.Sleep(10);
        return () =>
        {
            lock (halfTrips)
                return LatencySummary.From(halfTrips, (last - first).TotalSeconds);
        };
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

    private static string Format(List<Row> rows, double seconds, int rounds)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("# vla bench dds: C# (VlaRosNode.Ros2 over the Cyclone shim) vs native ddsperf");
        s.AppendLine(inv, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, Cyclone DDS 0.10.2, loopback, 64 KB fragments, reliable; {seconds} s per run, publisher and subscriber in separate processes.");
        s.AppendLine("Throughput: samples/s received. Latency, like for like: round trip / 2 on both sides (ddsperf ping/pong, which prints round trip / 2; C# publisher -> C# echo");
        s.AppendLine("process sending each payload back -> publisher, decoding the echo), at the same rate and size. C# one-way: subscriber");
        s.AppendLine("callback time minus the stamp set just before publishing (same clock; includes CDR encode and decode).");
        s.AppendLine("ddsperf takes in a listener on Cyclone's receive thread (\"listener\", its default) or on its own thread woken by a");
        s.AppendLine("waitset (\"waitset\": one thread hand-off per message, as in every ROS 2 executor). Ratios: C# / ddsperf.");
        s.AppendLine(inv, $"{rounds} round(s), each running C#, ddsperf listener and ddsperf waitset in turn: figures are medians over rounds; ratios are");
        s.AppendLine("taken within each round, then given as median (lowest-highest).");
        s.AppendLine();
        s.AppendLine("| workload | payload B | C# msgs/s | ddsperf listener / waitset msgs/s | C#/native listener / waitset | C# one-way p50 / p90 / p99 ms | C# RTT/2 p50 / p90 / p99 ms | ddsperf listener RTT/2 p50 / p90 / p99 ms | ddsperf waitset RTT/2 p50 / p90 / p99 ms | RTT/2 p50 ratio listener / waitset |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var roundTrip = r.Scenario.RateHz > 0;
            s.Append(inv, $"| {r.Scenario.Description} | {r.Scenario.PayloadSize} | {r.Median(x => x.Ours.RatePerSecond):0.0} | {r.Median(x => x.Native.Rate):0.0} / {r.Median(x => x.NativeWaitSet.Rate):0.0} ");
            s.Append(inv, $"| {Ratio(r.Each(x => x.Ours.RatePerSecond / x.Native.Rate))} / {Ratio(r.Each(x => x.Ours.RatePerSecond / x.NativeWaitSet.Rate))} ");
            s.Append(inv, $"| {Ms(r, x => x.Ours)} | {(roundTrip ? Ms(r, x => x.OursRoundTrip!) : "-")} ");
            s.Append(inv, $"| {(roundTrip ? Ms3(r, x => x.Native.Latency) : "-")} | {(roundTrip ? Ms3(r, x => x.NativeWaitSet.Latency) : "-")} ");
            s.AppendLine(roundTrip
                ? $"| {Ratio(r.Each(x => x.OursRoundTrip!.P50Ms / x.Native.Latency.P50))} / {Ratio(r.Each(x => x.OursRoundTrip!.P50Ms / x.NativeWaitSet.Latency.P50))} |"
                : "| - / - |");
        }
        return s.ToString();

        string Ratio(IReadOnlyList<double> perRound)
        {
            if (!perRound.Any(double.IsFinite))
                return "-";
            return perRound.Count == 1
                ? perRound[0].ToString("0.00", inv)
                : string.Create(inv, $"{StepSummary.Percentile(perRound, 50):0.00} ({perRound.Min():0.00}-{perRound.Max():0.00})");
        }
        string Ms(Row r, Func<Round, LatencySummary> of) => string.Create(inv, $"{r.Median(x => of(x).P50Ms):0.000} / {r.Median(x => of(x).P90Ms):0.000} / {r.Median(x => of(x).P99Ms):0.000}");
        string Ms3(Row r, Func<Round, (double P50, double P90, double P99)> of) => string.Create(inv, $"{r.Median(x => of(x).P50):0.000} / {r.Median(x => of(x).P90):0.000} / {r.Median(x => of(x).P99):0.000}");
    }
}
