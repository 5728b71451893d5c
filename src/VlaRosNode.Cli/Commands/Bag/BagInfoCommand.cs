using VlaRosNode.Bag;

namespace VlaRosNode.Cli.Commands.Bag;

/// <summary>`vla bag info BAG`: topics, types, counts, duration, storage and compression, like `ros2 bag info`;
/// a cut-off recording is reported as incomplete, not as an error.</summary>
public sealed class BagInfoCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public BagInfoCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => "bag info";
    public string Summary => "show a bag's topics, types, counts, duration, storage and compression (folder, .mcap or .db3)";

    private const string Usage = "usage: vla bag info BAG [--skip-corrupt]";

    public int Run(IReadOnlyList<string> args)
    {
        var paths = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var skipCorrupt = args.Contains("--skip-corrupt");
        if (paths.Count != 1 || args.Count != paths.Count + (skipCorrupt ? 1 : 0))
        {
            error.WriteLine(Usage);
            return 2;
        }
        try
        {
            using var bag = BagReader.Open(paths[0], new BagReadOptions(SkipCorrupt: skipCorrupt));
            output.Write(BagInfoFormatter.Format(bag.Info()));
            return 0;
        }
        catch (Exception e) when (e is BagFormatException or IOException)
        {
            error.WriteLine($"vla bag info: {e.Message}");
            return 1;
        }
    }
}
