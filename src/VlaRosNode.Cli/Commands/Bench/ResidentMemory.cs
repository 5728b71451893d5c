namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>This process's resident set after a full garbage collection.</summary>
internal static class ResidentMemory
{
    /// <summary>On Linux <see cref="Environment.WorkingSet"/> is the resident set of /proc/self/stat (VmRSS).</summary>
    public static long Bytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Environment.WorkingSet;
    }
}
