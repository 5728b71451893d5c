namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>This process's resident set (VmRSS of /proc/self/status), after a full garbage collection.</summary>
internal static class ResidentMemory
{
    public static long Bytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        throw new IOException("/proc/self/status has no VmRSS line");
    }
}
