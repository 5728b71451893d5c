using VlaRosNode.Bag;
using VlaRosNode.Cli.Commands.Topic;
using VlaRosNode.Nodes.Bag;

namespace VlaRosNode.Cli.Commands.Bag;

/// <summary>`vla bag record -o OUT [--storage mcap|sqlite3] [--compression zstd|lz4] TOPICS... | --all`: records
/// until Ctrl+C or SIGTERM, then finishes the file (summary, metadata.yaml) so nothing received is lost.</summary>
public sealed class BagRecordCommand(TextWriter output, TextWriter error) : ICliCommand
{
    private const string Usage = "usage: vla bag record -o OUT [--storage mcap|sqlite3] [--compression none|zstd|lz4] [--max-bag-size BYTES] TOPICS... | --all";

    public BagRecordCommand() : this(Console.Out, Console.Error) { }

    public string Name => "bag record";
    public string Summary => "record topics into a bag (QoS adapted to the publishers) until Ctrl+C or SIGTERM";

    public int Run(IReadOnlyList<string> args) => ToolSession.Run(Name, Usage, error, (node, cancellation) =>
    {
        var (topics, options) = ToolSession.Parse(args, ["-o", "--output", "--storage", "--compression", "--max-bag-size"], ["--all"]);
        var all = options.ContainsKey("--all");
        if (all == topics.Count > 0)
            throw new FormatException("name the topics to record, or --all");
        var folder = options.GetValueOrDefault("-o") ?? options.GetValueOrDefault("--output")
                     ?? $"rosbag2_{DateTime.Now:yyyy_MM_dd-HH_mm_ss}";
        var storage = options.GetValueOrDefault("--storage") ?? "mcap";
        var compression = BagCompressionNames.Parse(options.GetValueOrDefault("--compression") ?? "none")
                          ?? throw new FormatException("--compression must be none, zstd or lz4");
        var maxFileSize = options.ContainsKey("--max-bag-size") ? (long)ToolSession.Number(options, "--max-bag-size", 1) : 0;
        var writerOptions = new BagWriterOptions(storage, compression, node.Context.Distro, maxFileSize);
        using var writer = BagWriter.Create(folder, writerOptions);
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
}
