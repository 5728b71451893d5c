using System.Diagnostics;

namespace VlaRosNode.Messages.Tests;

/// <summary>Runs tests/messages-crosscheck/crosscheck.js. Without node on PATH the calling test is ignored
/// (CI has node); with node but without its packages it fails, since test.sh installs them.</summary>
internal static class NodeScript
{
    public static string Run(string mode, string? input = null)
    {
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
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("node is not installed, so the live cross-check against @foxglove/rosmsg2-serialization cannot run");
            throw; // unreachable: Assert.Ignore throws
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input ?? "");
            process.StandardInput.Close();
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, $"node crosscheck.js {mode} failed:\n{stderr.Result}");
            return stdout.Result;
        }
    }
}
