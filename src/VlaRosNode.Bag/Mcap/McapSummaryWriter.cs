namespace VlaRosNode.Bag.Mcap;

/// <summary>Writes the summary section (one group per record type, each listed in a summary offset), then the
/// footer with the summary CRC and the closing magic, into one buffer.</summary>
internal sealed class McapSummaryWriter(McapRecordBuffer buffer)
{
    private readonly List<McapSummaryOffset> _offsets = [];

    /// <param name="summaryStart">File offset where the summary section begins (right after DataEnd).</param>
    public void Write(long summaryStart, IReadOnlyList<McapSchema> schemas, IReadOnlyList<McapChannel> channels, McapStatistics statistics,
        IReadOnlyList<McapChunkIndex> chunkIndexes, IReadOnlyList<McapMetadataIndex> metadataIndexes)
    {
        var start = (ulong)summaryStart;
        Group(start, McapOpcode.Schema, schemas, McapRecordSerializer.Schema);
        Group(start, McapOpcode.Channel, channels, McapRecordSerializer.Channel);
        Group(start, McapOpcode.Statistics, [statistics], McapRecordSerializer.Statistics);
        Group(start, McapOpcode.ChunkIndex, chunkIndexes, McapRecordSerializer.ChunkIndex);
        Group(start, McapOpcode.MetadataIndex, metadataIndexes, McapRecordSerializer.MetadataIndex);

        var summaryOffsetStart = start + (ulong)buffer.Length;
        foreach (var offset in _offsets)
            McapRecordSerializer.SummaryOffset(buffer, offset);
        McapRecordSerializer.FooterPrefix(buffer, start, summaryOffsetStart);
        var crc = System.IO.Hashing.Crc32.HashToUInt32(buffer.WrittenSpan);
        buffer.U32(crc);
        buffer.Raw(McapConstants.Magic);
    }

    private void Group<T>(ulong summaryStart, McapOpcode opcode, IReadOnlyList<T> records, Action<McapRecordBuffer, T> serialize)
    {
        if (records.Count == 0)
            return;
        var groupStart = buffer.Length;
        foreach (var record in records)
            serialize(buffer, record);
        _offsets.Add(new McapSummaryOffset(opcode, summaryStart + (ulong)groupStart, (ulong)(buffer.Length - groupStart)));
    }
}
