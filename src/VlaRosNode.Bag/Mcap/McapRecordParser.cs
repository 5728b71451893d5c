namespace VlaRosNode.Bag.Mcap;

/// <summary>Parses the body of each MCAP record type. Bodies may carry extra trailing bytes (later spec
/// versions add fields): they are ignored, as the spec asks.</summary>
internal static class McapRecordParser
{
    public static McapHeader Header(McapFieldReader r) => new(r.String("profile"), r.String("library"));

    public static McapFooter Footer(McapFieldReader r) => new(r.U64("summary_start"), r.U64("summary_offset_start"), r.U32("summary_crc"));

    public static McapSchema Schema(McapFieldReader r) =>
        new(r.U16("schema id"), r.String("schema name"), r.String("schema encoding"), r.Bytes32("schema data").ToArray());

    public static McapChannel Channel(McapFieldReader r) =>
        new(r.U16("channel id"), r.U16("schema_id"), r.String("topic"), r.String("message_encoding"), r.StringMap("channel metadata"));

    /// <param name="bodyOffset">Offset of the chunk body inside <paramref name="r"/>'s buffer, so the records can be located.</param>
    public static McapChunkHeader ChunkHeader(McapFieldReader r, long bodyOffset)
    {
        var start = r.U64("message_start_time");
        var end = r.U64("message_end_time");
        var uncompressedSize = r.U64("uncompressed_size");
        var crc = r.U32("uncompressed_crc");
        var compression = r.String("compression");
        var recordsLength = r.U64("records length");
        if (recordsLength > (ulong)r.Remaining)
            throw r.Error($"chunk records length {recordsLength} runs past the end of the chunk ({r.Remaining} bytes left)");
        return new McapChunkHeader(start, end, uncompressedSize, crc, compression, bodyOffset + r.Position, (long)recordsLength);
    }

    public static McapChunkIndex ChunkIndex(McapFieldReader r) => new(
        r.U64("message_start_time"), r.U64("message_end_time"), r.U64("chunk_start_offset"), r.U64("chunk_length"),
        r.U16U64Map("message_index_offsets"), r.U64("message_index_length"), r.String("compression"),
        r.U64("compressed_size"), r.U64("uncompressed_size"));

    public static McapStatistics Statistics(McapFieldReader r) => new(
        r.U64("message_count"), r.U16("schema_count"), r.U32("channel_count"), r.U32("attachment_count"),
        r.U32("metadata_count"), r.U32("chunk_count"), r.U64("message_start_time"), r.U64("message_end_time"),
        r.U16U64Map("channel_message_counts"));

    public static McapMetadata Metadata(McapFieldReader r) => new(r.String("metadata name"), r.StringMap("metadata"));

    public static McapMetadataIndex MetadataIndex(McapFieldReader r) => new(r.U64("offset"), r.U64("length"), r.String("name"));

    public static McapSummaryOffset SummaryOffset(McapFieldReader r) => new((McapOpcode)r.U8("group_opcode"), r.U64("group_start"), r.U64("group_length"));
}
