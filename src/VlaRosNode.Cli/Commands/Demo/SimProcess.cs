using System.Diagnostics;
using System.Globalization;

namespace VlaRosNode.Cli.Commands.Demo;

/// <summary>`vla sim run` as a child process on the demo's domain, loopback only, its output in a log file.</summary>
internal sealed class SimProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private SimProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string LogPath { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static SimProcess Start(DemoOptions o, string logPath)
    {
        var info = SelfProcess.StartInfo(["sim", "run", "--ros-args", "-p", $"suite:={o.Suite}", "-p", $"episodes:={o.TotalEpisodes}", "-p", $"seed:={o.Seed}", "-p", "wait_for_controller:=true",
            "-p", $"real_time_factor:={o.RealTimeFactor.ToString(CultureInfo.InvariantCulture)}", "--log-level", "WARN"]);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.Environment["ROS_DOMAIN_ID"] = o.Domain.ToString(CultureInfo.InvariantCulture);
        info.Environment["ROS_LOCALHOST_ONLY"] = "1";
        info.Environment.Remove("CYCLONEDDS_URI");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start `vla sim run`");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SimProcess(process, log, logPath);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        lock (_log)
            _log.Dispose();
    }
}
