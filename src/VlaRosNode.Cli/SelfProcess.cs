using System.Diagnostics;

namespace VlaRosNode.Cli;

/// <summary>How to start this same `vla` as a child process with other arguments.</summary>
internal static class SelfProcess
{
    /// <summary>The apphost, or `dotnet vla.dll` when this process runs under dotnet (dotnet run, the test host).</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(self);
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            info.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        return info;
    }
}
