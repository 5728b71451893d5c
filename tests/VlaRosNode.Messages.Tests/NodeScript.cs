using System.Diagnostics;

namespace VlaRosNode.Messages.Tests;

/// <summary>Runs tests/messages-crosscheck/crosscheck.js. Without node on PATH the calling test is ignored
/// (CI has node); with node but without its packages it fails, since test.sh installs them.</summary>
internal static class NodeScript
{
    public static string Run(string mode, string? input = null)
    {
        if (!NodeIsInstalled())
            Assert.Ignore("node is not installed, so the live cross-check against @foxglove/rosmsg2-serialization cannot run");
        var dir = RepoPaths.CrossCheckDir;
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "@foxglove", "rosmsg2-serialization")))
            Assert.Fail($"npm packages missing: run 'npm ci' in {dir} (./test.sh does this)");
        var start = new ProcessStartInfo("node", ["crosscheck.js", mode])
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input ?? "");
        process.StandardInput.Close();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"node crosscheck.js {mode} failed:\n{stderr.Result}");
        return stdout.Result;
    }

    private static bool NodeIsInstalled()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true })!;
            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
