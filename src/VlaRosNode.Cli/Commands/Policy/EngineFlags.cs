using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Cli.Commands.Policy;

/// <summary>The flags of the commands that open a model package (vla bench engine, bench decode, eval replay): where
/// it runs, and the retrieval datastore that some decoding modes draft from.</summary>
public static class EngineFlags
{
    /// <summary>Declares <c>--threads N</c> and <c>--device cpu|cuda</c>.</summary>
    public static CommandOptions WithEngine(this CommandOptions options) => options
        .Value("--threads", "N", "intra-op threads", defaultValue: "1")
        .Choice("--device", ["cpu", "cuda"], "execution device", defaultValue: "cpu");

    public static EngineOptions Engine(ParsedOptions flags) => new()
    {
        IntraOpThreads = flags.Integer("--threads", 1, int.MaxValue),
        Device = flags.Required("--device") == "cuda" ? ExecutionDevice.Cuda : ExecutionDevice.Cpu,
    };

    /// <summary>The existing <c>--datastore</c> file, or null; a usage error when one of <paramref name="modes"/> needs it.</summary>
    public static string? Datastore(ParsedOptions flags, IEnumerable<BenchMode> modes)
    {
        var path = flags.Has("--datastore") ? flags.ExistingPath("--datastore") : null;
        if (path is null && modes.Any(m => DecodingStrategies.NeedsDatastore(m.Strategy)))
            throw new UsageException("retrieval and heisd need --datastore (make one with `vla datastore build`; from bags with --bag)");
        return path;
    }
}
