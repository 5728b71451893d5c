using System.Diagnostics;

namespace VlaRosNode.Sim.Tests;

/// <summary>Runs a script in Debian's Python 3 (with numpy and PIL from scripts/setup.sh): the independent
/// implementation our PNG and .npz output is checked against.</summary>
internal static class PythonReference
{
    private const string Python = "/usr/bin/python3";

    public static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"python failed ({process.ExitCode}): {stderr}");
        return stdout.Result.Trim();
    }
}
