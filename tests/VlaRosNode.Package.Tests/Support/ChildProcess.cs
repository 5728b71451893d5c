using System.Diagnostics;
using System.Text;

namespace VlaRosNode.Package.Tests.Support;

/// <summary>A child process with its output collected, on loopback-only DDS when it joins a ROS graph.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public ChildProcess(string file, IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["ROS_LOCALHOST_ONLY"] = "1";
        info.Environment["ROS_DOMAIN_ID"] = Domain.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment.Remove("CYCLONEDDS_URI");
        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The DDS domain children join: 90-99, apart from the Nodes tests (40-89) and the ROS 2 client's
    /// tests (100-229), which run beside these, so their topics never meet.</summary>
    public static uint Domain { get; } = (uint)(90 + Environment.ProcessId % 10);

    /// <summary>Runs to the end (at most <paramref name="limit"/>) and returns the exit code and all output.</summary>
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, TimeSpan limit, string? workingDirectory = null)
    {
        using var child = new ChildProcess(file, args, workingDirectory);
        var code = child.WaitForExit(limit);
        return (code, child.Output);
    }

    public bool HasExited => _process.HasExited;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Waits until the output contains <paramref name="text"/> or the process ends; true if it appeared.</summary>
    public bool WaitForOutput(string text, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!Output.Contains(text, StringComparison.Ordinal) && !_process.HasExited && DateTime.UtcNow < deadline)
            Thread.Sleep(100);
        return Output.Contains(text, StringComparison.Ordinal);
    }

    /// <summary>SIGTERM, what ros2 launch sends on shutdown; returns the exit code.</summary>
    public int Terminate(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        return WaitForExit(limit);
    }

    private int WaitForExit(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
            Assert.Fail($"{_process.StartInfo.FileName} did not exit within {limit}; output:\n{Output}");
        _process.WaitForExit(); // flush the redirected streams
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is not null)
            lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
