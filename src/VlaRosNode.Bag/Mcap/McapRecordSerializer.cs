namespace VlaRosNode.Bag.Mcap;

/// <summary>Serialises each MCAP record type into a <see cref="McapRecordBuffer"/>.</summary>
internal static class McapRecordSerializer
{
    public static void Header(McapRecordBuffer b, McapHeader header)
    {
        var at = b.BeginRecord(McapOpcode.Header);
        b.String(header.Profile);
        b.String(header.Library);
        b.EndRecord(at);
    }

    public static void Schema(McapRecordBuffer b, McapSchema schema)
    {
        var at = b.BeginRecord(McapOpcode.Schema);
        b.U16(schema.Id);
        b.String(schema.Name);
        b.String(schema.Encoding);
        b.Bytes32(schema.Data);
        b.EndRecord(at);
    }

    public static void Channel(McapRecordBuffer b, McapChannel channel)
    {
        var at = b.BeginRecord(McapOpcode.Channel);
        b.U16(channel.Id);
        b.U16(channel.SchemaId);
        b.String(channel.Topic);
        b.String(channel.MessageEncoding);
        b.StringMap(channel.Metadata);
        b.EndRecord(at);
    }

    public static void Message(McapRecordBuffer b, ushort channelId, uint sequence, ulong logTime, ulong publishTime, ReadOnlySpan<byte> data)
    {
        var at = b.BeginRecord(McapOpcode.Message);
        b.U16(channelId);
        b.U32(sequence);
        b.U64(logTime);
        b.U64(publishTime);
        b.Raw(data);
        b.EndRecord(at);
    }

    /// <summary>Writes the chunk header fields; the caller appends <paramref name="recordsLength"/> bytes of records.</summary>
    public static int ChunkHeader(McapRecordBuffer b, ulong start, ulong end, ulong uncompressedSize, uint crc, string compression, ulong recordsLength)
    {
        var at = b.BeginRecord(McapOpcode.Chunk);
        b.U64(start);
        b.U64(end);
        b.U64(uncompressedSize);
        b.U32(crc);
        b.String(compression);
        b.U64(recordsLength);
        return at;
    }

    public static void MessageIndex(McapRecordBuffer b, ushort channelId, IReadOnlyList<(ulong LogTime, ulong Offset)> entries)
    {
        var at = b.BeginRecord(McapOpcode.MessageIndex);
        b.U16(channelId);
        b.U32((uint)(entries.Count * 16));
        foreach (var (logTime, offset) in entries)
        {
            b.U64(logTime);
            b.U64(offset);
        }
        b.EndRecord(at);
    }

    public static void ChunkIndex(McapRecordBuffer b, McapChunkIndex index)
    {
        var at = b.BeginRecord(McapOpcode.ChunkIndex);
        b.U64(index.MessageStartTime);
        b.U64(index.MessageEndTime);
        b.U64(index.ChunkStartOffset);
        b.U64(index.ChunkLength);
        b.U16U64Map(index.MessageIndexOffsets);
        b.U64(index.MessageIndexLength);
        b.String(index.Compression);
        b.U64(index.CompressedSize);
        b.U64(index.UncompressedSize);
        b.EndRecord(at);
    }

    public static void Statistics(McapRecordBuffer b, McapStatistics s)
    {
        var at = b.BeginRecord(McapOpcode.Statistics);
        b.U64(s.MessageCount);
        b.U16(s.SchemaCount);
        b.U32(s.ChannelCount);
        b.U32(s.AttachmentCount);
        b.U32(s.MetadataCount);
        b.U32(s.ChunkCount);
        b.U64(s.MessageStartTime);
        b.U64(s.MessageEndTime);
        b.U16U64Map(s.ChannelMessageCounts);
        b.EndRecord(at);
    }

    public static void Metadata(McapRecordBuffer b, McapMetadata metadata)
    {
        var at = b.BeginRecord(McapOpcode.Metadata);
        b.String(metadata.Name);
        b.StringMap(metadata.Values);
        b.EndRecord(at);
    }

    public static void MetadataIndex(McapRecordBuffer b, McapMetadataIndex index)
    {
        var at = b.BeginRecord(McapOpcode.MetadataIndex);
        b.U64(index.Offset);
        b.U64(index.Length);
        b.String(index.Name);
        b.EndRecord(at);
    }

    public static void SummaryOffset(McapRecordBuffer b, McapSummaryOffset offset)
    {
        var at = b.BeginRecord(McapOpcode.SummaryOffset);
        b.U8((byte)offset.GroupOpcode);
        b.U64(offset.GroupStart);
        b.U64(offset.GroupLength);
        b.EndRecord(at);
    }

    public static void DataEnd(McapRecordBuffer b, uint dataSectionCrc)
    {
        var at = b.BeginRecord(McapOpcode.DataEnd);
        b.U32(dataSectionCrc);
        b.EndRecord(at);
    }

    /// <summary>The footer without its CRC field (the summary CRC covers these bytes), then the CRC.</summary>
    public static void FooterPrefix(McapRecordBuffer b, ulong summaryStart, ulong summaryOffsetStart)
    {
        b.U8((byte)McapOpcode.Footer);
        b.U64(McapConstants.FooterBodyLength);
        b.U64(summaryStart);
        b.U64(summaryOffsetStart);
    }
}
