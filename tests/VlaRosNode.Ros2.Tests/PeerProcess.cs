using System.Diagnostics;

namespace VlaRosNode.Ros2.Tests;

/// <summary>The second process of a two-process test (VlaRosNode.Ros2.TestPeer), stopped by closing its stdin.</summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr = [];

    private PeerProcess(Process process) => _process = process;

    /// <summary>Starts the peer and waits for its "ready" line.</summary>
    public static PeerProcess Start(params string[] args)
    {
        var peer = Path.Combine(AppContext.BaseDirectory, "VlaRosNode.Ros2.TestPeer.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(peer);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the test peer");
        var result = new PeerProcess(process);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (result._stderr) result._stderr.Add(e.Data); };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(60)) || line.Result != "ready")
        {
            result.Dispose();
            throw new InvalidOperationException($"test peer did not start: {line.Status} '{(line.IsCompletedSuccessfully ? line.Result : "")}' {result.Stderr}");
        }
        return result;
    }

    public string Stderr { get { lock (_stderr) return string.Join('\n', _stderr); } }

    /// <summary>Reads the peer's next stdout line.</summary>
    public string? ReadLine(TimeSpan timeout)
    {
        var line = _process.StandardOutput.ReadLineAsync();
        return line.Wait(timeout) ? line.Result : null;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
