using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>Runs Cyclone's own `ddsperf` (package cyclonedds-tools) with the same configuration, payload size and
/// rate: pub/sub for throughput, ping/pong for latency (round trip / 2). The receiving side takes samples either in a
/// listener on Cyclone's receive thread (ddsperf's default) or on a thread of its own woken by a waitset (what a ROS 2
/// executor, ours included, does).</summary>
internal sealed partial class NativeDdsPerf(string configFile, uint domain, bool waitSet)
{
    private string Mode => waitSet ? "waitset" : "listener";

    /// <summary>Samples per second the subscriber saw, averaged over the per-second reports after the first.</summary>
    public double Throughput(int size, double rateHz, double seconds)
    {
        var rate = rateHz > 0 ? $"{rateHz.ToString(CultureInfo.InvariantCulture)}Hz" : "";
        using var sub = Start($"-D {seconds + 2:0} -i {domain} sub {Mode}");
        Thread.Sleep(500);
        var pub = Start($"-D {seconds:0} -i {domain} -k all pub {rate} size {size}".Replace("  ", " "));
        pub.WaitForExit();
        var lines = sub.StandardOutput.ReadToEnd().Split('\n');
        sub.WaitForExit();
        var rates = lines.Select(l => SubRate().Match(l)).Where(m => m.Success).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000).Where(r => r > 0).ToList();
        return rates.Count > 1 ? rates.Skip(1).Average() : rates.FirstOrDefault();
    }

    /// <summary>Round trip / 2 percentiles (ms) from ping/pong, averaged over the per-second reports after the first.</summary>
    public (double P50, double P90, double P99) Latency(int size, double rateHz, double seconds)
    {
        using var pong = Start($"-D {seconds + 2:0} -i {domain} pong {Mode}");
        Thread.Sleep(500);
        using var ping = Start($"-D {seconds:0} -i {domain} ping {rateHz.ToString(CultureInfo.InvariantCulture)}Hz size {size} {Mode}");
        var lines = ping.StandardOutput.ReadToEnd().Split('\n');
        ping.WaitForExit();
        pong.Kill();
        var reports = lines.Select(ParsePingReport).OfType<(double P50, double P90, double P99)>().ToList();
        if (reports.Count > 1)
            reports = reports.Skip(1).ToList();
        return reports.Count == 0 ? (double.NaN, double.NaN, double.NaN)
            : (reports.Average(r => r.P50), reports.Average(r => r.P90), reports.Average(r => r.P99));
    }

    /// <summary>The percentiles (ms) of one per-second line of `ddsperf ping`, null for other lines. ddsperf records
    /// round trip / 2 itself (its pong handler stores (now - source timestamp) / 2), so the printed figures are used as
    /// they are: halving them again would show native latency at a quarter of the round trip.</summary>
    internal static (double P50, double P90, double P99)? ParsePingReport(string line)
    {
        var m = PingPercentiles().Match(line);
        return m.Success ? (Ms(m, 1), Ms(m, 2), Ms(m, 3)) : null;

        static double Ms(Match m, int g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) / 1000;
    }

    private Process Start(string arguments)
    {
        var info = new ProcessStartInfo("ddsperf", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["CYCLONEDDS_URI"] = "file://" + configFile;
        try
        {
            var process = Process.Start(info)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            return process;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Ros2.Tools.ToolError($"cannot run ddsperf (Debian package cyclonedds-tools): {e.Message}");
        }
    }

    [GeneratedRegex(@"rate ([0-9.]+) kS/s")]
    private static partial Regex SubRate();

    [GeneratedRegex(@" 50% ([0-9.]+)us 90% ([0-9.]+)us 99% ([0-9.]+)us")]
    private static partial Regex PingPercentiles();
}
