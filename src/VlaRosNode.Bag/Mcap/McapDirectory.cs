namespace VlaRosNode.Bag.Mcap;

/// <summary>Everything a reader knows about one MCAP file before reading messages: from the summary section when
/// the file has one, otherwise from a linear scan.</summary>
internal sealed class McapDirectory
{
    public McapHeader Header { get; init; } = new("", "");

    public Dictionary<ushort, McapSchema> Schemas { get; } = [];

    public Dictionary<ushort, McapChannel> Channels { get; } = [];

    public McapStatistics? Statistics { get; set; }

    /// <summary>Chunks in file order.</summary>
    public List<McapChunkRef> Chunks { get; } = [];

    public List<McapMetadataIndex> MetadataIndexes { get; } = [];

    /// <summary>Metadata records met during a scan (a summary only indexes them).</summary>
    public List<McapMetadata> ScannedMetadata { get; } = [];

    public List<BagIssue> Issues { get; } = [];

    /// <summary>True when the summary section was used; false after a linear scan.</summary>
    public bool FromSummary { get; init; }

    public void AddSchema(McapSchema schema) => Schemas.TryAdd(schema.Id, schema);

    public void AddChannel(McapChannel channel) => Channels.TryAdd(channel.Id, channel);
}

/// <summary>Where a chunk's messages are. <paramref name="Channels"/> lists the channels it holds when a chunk
/// index says so (null = unknown). <paramref name="Records"/> is set for data recovered during a scan: message
/// records outside chunks, or the readable part of a cut-off chunk.</summary>
internal sealed record McapChunkRef(long Offset, long Length, ulong StartTime, ulong EndTime, IReadOnlyCollection<ushort>? Channels, string Compression, byte[]? Records = null)
{
    public bool MayHold(IReadOnlySet<ushort>? wanted) => wanted is null || Channels is null || Channels.Any(wanted.Contains);
}
