namespace VlaRosNode.Bag.Mcap;

// The MCAP records this library reads and writes, field for field as the spec names them.

internal sealed record McapHeader(string Profile, string Library);

internal sealed record McapFooter(ulong SummaryStart, ulong SummaryOffsetStart, uint SummaryCrc);

internal sealed record McapSchema(ushort Id, string Name, string Encoding, byte[] Data);

internal sealed record McapChannel(ushort Id, ushort SchemaId, string Topic, string MessageEncoding, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Chunk header fields; the records themselves stay in the buffer the chunk was read into.</summary>
internal sealed record McapChunkHeader(ulong MessageStartTime, ulong MessageEndTime, ulong UncompressedSize, uint UncompressedCrc, string Compression, long RecordsOffset, long RecordsLength);

internal sealed record McapChunkIndex(
    ulong MessageStartTime,
    ulong MessageEndTime,
    ulong ChunkStartOffset,
    ulong ChunkLength,
    IReadOnlyDictionary<ushort, ulong> MessageIndexOffsets,
    ulong MessageIndexLength,
    string Compression,
    ulong CompressedSize,
    ulong UncompressedSize);

internal sealed record McapStatistics(
    ulong MessageCount,
    ushort SchemaCount,
    uint ChannelCount,
    uint AttachmentCount,
    uint MetadataCount,
    uint ChunkCount,
    ulong MessageStartTime,
    ulong MessageEndTime,
    IReadOnlyDictionary<ushort, ulong> ChannelMessageCounts);

internal sealed record McapMetadata(string Name, IReadOnlyDictionary<string, string> Values);

internal sealed record McapMetadataIndex(ulong Offset, ulong Length, string Name);

internal sealed record McapSummaryOffset(McapOpcode GroupOpcode, ulong GroupStart, ulong GroupLength);
