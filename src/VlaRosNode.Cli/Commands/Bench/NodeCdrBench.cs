using System.Diagnostics;
using System.Text.Json.Nodes;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>Runs tests/messages-crosscheck/bench.js: @foxglove/rosmsg2-serialization timing the same CDR payloads.</summary>
public static class NodeCdrBench
{
    public sealed record Result(string Label, double EncodeNs, double DecodeNs);

    public const string ScriptRelativePath = "tests/messages-crosscheck/bench.js";

    /// <summary>The script, looked for above the working directory and above the executable.</summary>
    public static string? FindScript() => RepoFiles.Find(ScriptRelativePath);

    /// <summary>Times each (label, ROS type, CDR payload); throws with node's stderr when the script fails.</summary>
    /// <summary>Times each message as <see cref="MicroBenchmark"/> does: warm-up, then <paramref name="runs"/> runs of
    /// its number of calls, median run.</summary>
    public static IReadOnlyList<Result> Run(string script, IEnumerable<(string Label, string Type, byte[] Cdr, int Calls)> messages, int runs)
    {
        var input = new JsonObject
        {
            ["runs"] = runs,
            ["messages"] = new JsonArray(messages.Select(m => (JsonNode)new JsonObject
            {
                ["label"] = m.Label, ["type"] = m.Type, ["cdr"] = Convert.ToBase64String(m.Cdr), ["calls"] = m.Calls,
            }).ToArray()),
        };
        var start = new ProcessStartInfo("node", [Path.GetFileName(script)])
        {
            WorkingDirectory = Path.GetDirectoryName(script)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"node {script} failed (did 'npm ci' run in its folder?):\n{stderr.Result}");
        var results = JsonNode.Parse(stdout.Result)!["results"]!.AsArray();
        return results.Select(r => new Result((string)r!["label"]!, (double)r["encodeNs"]!, (double)r["decodeNs"]!)).ToList();
    }
}
