using System.Diagnostics;

namespace VlaRosNode.Bag.Tests;

/// <summary>Paths, temporary folders and external processes the tests share.</summary>
internal static class TestSupport
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string CrossCheckDir => Path.Combine(RepoRoot, "tests", "bag-crosscheck");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VlaRosNode.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("VlaRosNode.sln not found above the test directory");
    }

    /// <summary>A fresh empty folder under the test run's temp space.</summary>
    public static string TempDir()
    {
        var path = Path.Combine(Path.GetTempPath(), "vla-bag-tests", TestContext.CurrentContext.Test.ID + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Runs a program, fails the test with its stderr when it exits non-zero, returns stdout.</summary>
    public static string Run(string program, string workingDir, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            Assert.Fail($"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{stderr.Result}");
        return stdout;
    }

    /// <summary>Runs one of the npm cross-check scripts (test.sh installs their packages with npm ci).</summary>
    public static string Node(string script, params string[] args)
    {
        Assert.That(Directory.Exists(Path.Combine(CrossCheckDir, "node_modules", "@mcap", "core")), Is.True,
            "tests/bag-crosscheck/node_modules is missing: run `npm ci` there (test.sh does)");
        return Run("node", CrossCheckDir, [Path.Combine(CrossCheckDir, script), .. args]);
    }

    /// <summary>A CDR payload (header + pattern bytes) whose content identifies message <paramref name="index"/>.</summary>
    public static byte[] Payload(int index, int size)
    {
        var data = new byte[Math.Max(size, 4)];
        data[1] = 1;
        for (var k = 4; k < data.Length; k++)
            data[k] = (byte)(index * 31 + k * 7);
        return data;
    }
}
