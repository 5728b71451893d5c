using VlaRosNode.Bag;

namespace VlaRosNode.Cli.Commands.Bag;

/// <summary>`vla bag info BAG`: topics, types, counts, duration, storage and compression, like `ros2 bag info`;
/// a cut-off recording is reported as incomplete, not as an error.</summary>
public sealed class BagInfoCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public BagInfoCommand() : this(Console.Out, Console.Error)
    {
    }

    private static readonly CommandOptions Options = new CommandOptions("bag info", "BAG", 1, 1)
        .Switch("--skip-corrupt", "skip unreadable records instead of failing");

    public string Name => Options.Command;
    public string Summary => "show a bag's topics, types, counts, duration, storage and compression (folder, .mcap or .db3)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        try
        {
            using var bag = BagReader.Open(flags.Positional[0], new BagReadOptions(SkipCorrupt: flags.Has("--skip-corrupt")));
            output.Write(BagInfoFormatter.Format(bag.Info()));
            return 0;
        }
        catch (Exception e) when (e is BagFormatException or IOException)
        {
            error.WriteLine($"vla bag info: {e.Message}");
            return 1;
        }
    });
}
