using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using VlaRosNode.Cli.Commands.Bench;
using VlaRosNode.Ros2.Dds;

namespace VlaRosNode.Cli.Tests;

/// <summary>How `vla bench dds` reads Cyclone's ddsperf. ddsperf's ping figures are already round trip / 2; the bench
/// once halved them again, so it set our round trip / 2 beside a quarter of the native round trip.</summary>
public partial class NativeDdsPerfTests
{
    // Apart from every other test's domains (40..229) and from `vla bench dds`'s own (150..229).
    private const int Domain = 230;

    [Test]
    public void A_ping_report_line_gives_its_percentiles_in_milliseconds_as_printed()
    {
        const string line = "[12210] 2.000  vm:12197 size 356 mean 96.360us min 54.001us 50% 91.270us 90% 124.027us 99% 186.199us max 622.883us cnt 994";
        var (p50, p90, p99) = NativeDdsPerf.ParsePingReport(line) ?? throw new AssertionException("not parsed");
        Assert.That(new[] { p50, p90, p99 }, Is.EqualTo(new[] { 0.09127, 0.124027, 0.186199 }).Within(1e-12));
        Assert.That(NativeDdsPerf.ParsePingReport("[12210] participant vm:12197: new"), Is.Null);
    }

    [Test]
    public void Ddsperf_prints_half_the_round_trip()
    {
        // Without a rate each ping goes out when the last pong came in, so one report's count of round trips times the
        // mean round trip is about the report's second: with the mean printed as round trip / 2, 2 x mean x count ~ 1 s.
        var config = Path.Combine(Path.GetTempPath(), $"vla-ddsperf-test-{Environment.ProcessId}.xml");
        File.WriteAllText(config, CycloneConfig.Loopback);
        try
        {
            using var pong = Start(config, "-D", "5", "pong", "waitset");
            Thread.Sleep(500);
            using var ping = Start(config, "-D", "3", "ping", "size", "356", "waitset");
            var reports = ping.StandardOutput.ReadToEnd().Split('\n').Select(l => PingSummary().Match(l)).Where(m => m.Success).ToList();
            ping.WaitForExit();
            pong.Kill();
            Assert.That(reports, Is.Not.Empty, "ddsperf ping printed no report");
            var last = reports[^1];
            var meanMicroseconds = double.Parse(last.Groups[1].Value, CultureInfo.InvariantCulture);
            var count = int.Parse(last.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.That(2 * meanMicroseconds * count / 1e6, Is.InRange(0.6, 1.4),
                $"{count} round trips with a printed mean of {meanMicroseconds} us (round trip / 2) should fill about one second");
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static Process Start(string config, params string[] args)
    {
        var info = new ProcessStartInfo("ddsperf") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args.Prepend(Domain.ToString(CultureInfo.InvariantCulture)).Prepend("-i"))
            info.ArgumentList.Add(a);
        info.Environment["CYCLONEDDS_URI"] = "file://" + config;
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ddsperf");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    [GeneratedRegex(@" mean ([0-9.]+)us .* cnt ([0-9]+)")]
    private static partial Regex PingSummary();
}
