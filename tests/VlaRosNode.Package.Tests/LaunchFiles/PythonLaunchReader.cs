using System.Diagnostics;
using System.Text.Json;

namespace VlaRosNode.Package.Tests.LaunchFiles;

/// <summary>Reads a .launch.py with Python's own parser (launch_py_reader.py, standard `ast` module only): the file is
/// parsed, never executed, so no ROS 2 install is needed.</summary>
internal static class PythonLaunchReader
{
    private const string Python = "/usr/bin/python3";

    public static LaunchDescriptionInfo Read(string path)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LaunchFiles", "launch_py_reader.py"));
        info.ArgumentList.Add(path);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidDataException($"{path}: {stderr.Trim()}");

        using var json = JsonDocument.Parse(stdout.Result);
        var root = json.RootElement;
        var unknown = root.GetProperty("unknown").EnumerateArray().Select(e => e.GetString()).ToList();
        if (unknown.Count > 0)
            throw new InvalidDataException($"{path}: expressions the reader does not understand: {string.Join("; ", unknown)}");
        return new LaunchDescriptionInfo(
            root.GetProperty("args").EnumerateArray().Select(a => new LaunchArgument(Str(a, "name")!, Str(a, "default"))).ToList(),
            root.GetProperty("nodes").EnumerateArray().Select(n => new LaunchNode(
                Str(n, "package")!, Str(n, "executable")!, Str(n, "name"),
                n.GetProperty("parameters").EnumerateArray().Select(p => new NodeParameter(Str(p, "name")!, Str(p, "value")!)).ToList(),
                n.GetProperty("parameter_files").EnumerateArray().Select(f => f.GetString()!).ToList())).ToList(),
            root.GetProperty("includes").EnumerateArray().Select(i => new LaunchInclude(
                Str(i, "file")!, i.GetProperty("args").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!))).ToList(),
            root.GetProperty("processes").EnumerateArray().Select(p => (IReadOnlyList<string>)p.EnumerateArray().Select(e => e.GetString()!).ToList()).ToList(),
            root.GetProperty("timers").EnumerateArray().Select(t => t.GetString()!).ToList());
    }

    private static string? Str(JsonElement e, string name) =>
        e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();
}
