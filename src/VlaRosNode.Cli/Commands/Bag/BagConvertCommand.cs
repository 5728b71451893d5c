using VlaRosNode.Bag;

namespace VlaRosNode.Cli.Commands.Bag;

/// <summary>`vla bag convert IN OUT --storage mcap|sqlite3 [--compression zstd|lz4] [--distro humble|jazzy]`.</summary>
public sealed class BagConvertCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public BagConvertCommand() : this(Console.Out, Console.Error)
    {
    }

    private static readonly CommandOptions Options = new CommandOptions("bag convert", "IN OUT", 2, 2)
        .Choice("--storage", ["mcap", "sqlite3"], "storage of the output bag", required: true)
        .Choice("--compression", ["none", "zstd", "lz4"], "MCAP chunk compression", defaultValue: "none")
        .Choice("--distro", ["humble", "jazzy"], "ROS distribution the metadata is written for", defaultValue: "jazzy")
        .Switch("--skip-corrupt", "skip unreadable records of the input instead of failing");

    public string Name => Options.Command;
    public string Summary => "copy a bag into another storage (mcap, sqlite3) or chunk compression (zstd, lz4)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var (input, target) = (flags.Positional[0], flags.Positional[1]);
        var storage = flags.Required("--storage");
        var compression = BagCompressionNames.Parse(flags.Required("--compression"))!.Value;
        if (storage == "sqlite3" && compression != BagCompression.None)
            throw new UsageException("--compression applies to MCAP chunks; sqlite3 bags are written uncompressed");
        try
        {
            var options = new BagWriterOptions(storage, compression, flags.Required("--distro"), MessagesPerTransaction: 1000, SyncToDisk: false);
            var (count, issues) = BagConverter.Convert(input, target, options, new BagReadOptions(SkipCorrupt: flags.Has("--skip-corrupt")));
            output.WriteLine($"converted {count} messages from {input} to {target} ({storage}{(compression == BagCompression.None ? "" : ", " + compression.ToMcapName())})");
            foreach (var issue in issues)
                output.WriteLine($"input issue: {issue}");
            return 0;
        }
        catch (Exception e) when (e is BagFormatException or IOException)
        {
            error.WriteLine($"vla bag convert: {e.Message}");
            return 1;
        }
    });
}
