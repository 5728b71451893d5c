using System.Diagnostics;

namespace VlaRosNode.Nodes.Tests.Support;

/// <summary>The `vla` executable (copied next to the tests) as a child process on a given DDS domain, loopback only.</summary>
internal sealed class VlaProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private readonly List<string> _stdout = [];

    public VlaProcess(uint domain, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepoRoot };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vla.dll"));
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["ROS_DOMAIN_ID"] = domain.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["ROS_LOCALHOST_ONLY"] = "1";
        info.Environment.Remove("CYCLONEDDS_URI");
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start vla");
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.Add(e.Data); };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.Add(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Stderr { get { lock (_stderr) return string.Join('\n', _stderr); } }

    public string Stdout { get { lock (_stdout) return string.Join('\n', _stdout); } }

    public bool HasExited => _process.HasExited;

    /// <summary>Sends SIGTERM (what ros2 launch sends) and waits for the exit code.</summary>
    public int Terminate()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        return WaitForExit();
    }

    public int WaitForExit()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
            Assert.Fail($"vla did not exit; stderr:\n{Stderr}");
        _process.WaitForExit(); // flush the redirected streams
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
