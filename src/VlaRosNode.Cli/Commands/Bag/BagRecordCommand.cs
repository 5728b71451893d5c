using VlaRosNode.Bag;
using VlaRosNode.Cli.Commands.Topic;
using VlaRosNode.Nodes.Bag;

namespace VlaRosNode.Cli.Commands.Bag;

/// <summary>`vla bag record -o OUT [--storage mcap|sqlite3] [--compression zstd|lz4] TOPICS... | --all`: records
/// until Ctrl+C or SIGTERM, then finishes the file (summary, metadata.yaml) so nothing received is lost.</summary>
public sealed class BagRecordCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private static readonly CommandOptions Options = new CommandOptions("bag record", "TOPICS...", 0, int.MaxValue)
        .Value("--output", "OUT", "bag folder (default rosbag2_DATE-TIME)", aliases: "-o")
        .Choice("--storage", ["mcap", "sqlite3"], "storage format", defaultValue: "mcap")
        .Choice("--compression", ["none", "zstd", "lz4"], "MCAP chunk compression", defaultValue: "none")
        .Value("--max-bag-size", "BYTES", "start a new file after this many bytes (default: one file)")
        .Switch("--all", "record every topic, including ones that appear later");

    public BagRecordCommand() : this(Console.Out, Console.Error) { }

    public string Name => Options.Command;
    public string Summary => "record topics into a bag (QoS adapted to the publishers) until Ctrl+C or SIGTERM";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var topics = flags.Positional;
        var all = flags.Has("--all");
        if (all == topics.Count > 0)
            throw new UsageException("name the topics to record, or --all");
        var folder = flags.Text("--output") ?? $"rosbag2_{DateTime.Now:yyyy_MM_dd-HH_mm_ss}";
        var storage = flags.Required("--storage");
        var compression = BagCompressionNames.Parse(flags.Required("--compression"))!.Value;
        var maxFileSize = flags.Has("--max-bag-size") ? flags.Integer("--max-bag-size", 1L, long.MaxValue) : 0;
        return ToolSession.Run(Name, error, (node, cancellation) =>
        {
            using var writer = BagWriter.Create(folder, new BagWriterOptions(storage, compression, node.Context.Distro, maxFileSize));
            var recorder = new BagRecorder(node, writer, all ? null : topics.Select(t => t.StartsWith('/') ? t : "/" + t).ToHashSet());
            node.StartSpinning();
            output.WriteLine($"recording to {folder} ({storage}); Ctrl+C to stop");
            while (!cancellation.IsCancellationRequested)
            {
                foreach (var topic in recorder.Discover())
                    output.WriteLine($"subscribed to {topic}");
                cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
            }
            recorder.Dispose();
            output.WriteLine($"recorded {recorder.Received} messages on {recorder.RecordedTopics.Count} topics into {folder}");
            return 0;
        });
    });
}
