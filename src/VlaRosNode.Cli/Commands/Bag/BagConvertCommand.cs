using VlaRosNode.Bag;

namespace VlaRosNode.Cli.Commands.Bag;

/// <summary>`vla bag convert IN OUT --storage mcap|sqlite3 [--compression zstd|lz4] [--distro humble|jazzy]`.</summary>
public sealed class BagConvertCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public BagConvertCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => "bag convert";
    public string Summary => "copy a bag into another storage (mcap, sqlite3) or chunk compression (zstd, lz4)";

    private const string Usage = "usage: vla bag convert IN OUT --storage mcap|sqlite3 [--compression none|zstd|lz4] [--distro humble|jazzy] [--skip-corrupt]";

    public int Run(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        string? storage = null;
        var compression = BagCompression.None;
        var distro = "jazzy";
        var skipCorrupt = false;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--storage" when value is "mcap" or "sqlite3":
                    storage = value;
                    i++;
                    break;
                case "--compression" when value is not null && BagCompressionNames.Parse(value) is { } c:
                    compression = c;
                    i++;
                    break;
                case "--distro" when value is "humble" or "jazzy":
                    distro = value;
                    i++;
                    break;
                case "--skip-corrupt":
                    skipCorrupt = true;
                    break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal):
                    positional.Add(a);
                    break;
                default:
                    error.WriteLine($"vla bag convert: bad argument '{args[i]}'{(value is null ? "" : $" '{value}'")}\n{Usage}");
                    return 2;
            }
        }
        if (positional.Count != 2 || storage is null)
        {
            error.WriteLine(Usage);
            return 2;
        }
        if (storage == "sqlite3" && compression != BagCompression.None)
        {
            error.WriteLine("vla bag convert: --compression applies to MCAP chunks; sqlite3 bags are written uncompressed");
            return 2;
        }
        try
        {
            var options = new BagWriterOptions(storage, compression, distro, MessagesPerTransaction: 1000, SyncToDisk: false);
            var (count, issues) = BagConverter.Convert(positional[0], positional[1], options, new BagReadOptions(SkipCorrupt: skipCorrupt));
            output.WriteLine($"converted {count} messages from {positional[0]} to {positional[1]} ({storage}{(compression == BagCompression.None ? "" : ", " + compression.ToMcapName())})");
            foreach (var issue in issues)
                output.WriteLine($"input issue: {issue}");
            return 0;
        }
        catch (Exception e) when (e is BagFormatException or IOException)
        {
            error.WriteLine($"vla bag convert: {e.Message}");
            return 1;
        }
    }
}
