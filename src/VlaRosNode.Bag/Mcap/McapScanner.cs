using System.Buffers.Binary;

namespace VlaRosNode.Bag.Mcap;

/// <summary>Builds a <see cref="McapDirectory"/> by reading the data section record by record: the fallback for
/// files without a summary, and the recovery path for files cut off by a crash or power loss (everything up to
/// the last complete message is kept; a <see cref="BagIssue"/> says what was lost).</summary>
internal sealed class McapScanner(RandomAccessFile file, McapChunkLoader loader, BagReadOptions options)
{
    private readonly McapStatisticsBuilder _stats = new();
    private readonly McapRecordBuffer _looseMessages = new();
    private long _looseOffset = -1;
    private ulong _looseStart = ulong.MaxValue, _looseEnd;

    /// <param name="complete">The file ends with a footer and magic (it just has no summary); false = cut off.</param>
    public McapDirectory Scan(McapHeader header, long firstRecordOffset, bool complete)
    {
        var directory = new McapDirectory { Header = header };
        var position = firstRecordOffset;
        var prefix = new byte[McapConstants.RecordPrefixLength];
        while (true)
        {
            var available = file.ReadAvailable(position, prefix);
            if (available == 0)
            {
                ReportCleanCut(directory, position);
                break;
            }
            if (available < prefix.Length)
            {
                ReportLostTail(directory, position, "a record header");
                break;
            }
            var opcode = (McapOpcode)prefix[0];
            var length = BinaryPrimitives.ReadUInt64LittleEndian(prefix.AsSpan(1));
            var bodyOffset = position + McapConstants.RecordPrefixLength;
            if (opcode is McapOpcode.DataEnd or McapOpcode.Footer)
            {
                if (!complete)
                    directory.Issues.Add(new BagIssue(file.Name, position, BagIssueKind.Truncated,
                        "the data section is complete (all messages read) but the summary section or footer after it is cut off", file.Length - position));
                break;
            }
            if (length > (ulong)(file.Length - bodyOffset))
            {
                if (opcode == McapOpcode.Chunk)
                    RecoverCutChunk(directory, position);
                else
                    ReportLostTail(directory, position, $"a {opcode} record of {length} bytes");
                break;
            }
            if (opcode == McapOpcode.Chunk)
                ReadChunk(directory, position, McapConstants.RecordPrefixLength + (long)length);
            else if (opcode is McapOpcode.Schema or McapOpcode.Channel or McapOpcode.Message or McapOpcode.Metadata)
                ReadSmallRecord(directory, opcode, file.Read(bodyOffset, (long)length, $"{opcode} record"), position);
            position = bodyOffset + (long)length;
        }
        if (_looseOffset >= 0)
            directory.Chunks.Add(new McapChunkRef(_looseOffset, 0, _looseStart, _looseEnd, null, "", _looseMessages.WrittenSpan.ToArray()));
        directory.Statistics = _stats.Build(directory);
        return directory;
    }

    private void ReadChunk(McapDirectory directory, long offset, long length)
    {
        try
        {
            var record = file.Read(offset, length, "chunk record");
            var header = McapRecordParser.ChunkHeader(new McapFieldReader(record.AsSpan(McapConstants.RecordPrefixLength), file.Name, offset + 9), McapConstants.RecordPrefixLength);
            var records = loader.Decode(record, header, offset);
            var entries = McapChunkMessages.Parse(records, directory, null, 0, ulong.MaxValue, file.Name, offset);
            _stats.Add(entries);
            directory.Chunks.Add(new McapChunkRef(offset, length, header.MessageStartTime, header.MessageEndTime, entries.Select(e => e.ChannelId).ToHashSet(), header.Compression));
        }
        catch (BagFormatException e) when (options.SkipCorrupt)
        {
            directory.Issues.Add(new BagIssue(file.Name, offset, BagIssueKind.CorruptChunkSkipped, $"chunk skipped: {e.Reason}", length));
        }
    }

    private void ReadSmallRecord(McapDirectory directory, McapOpcode opcode, byte[] body, long recordOffset)
    {
        var reader = new McapFieldReader(body, file.Name, recordOffset + McapConstants.RecordPrefixLength);
        switch (opcode)
        {
            case McapOpcode.Schema: directory.AddSchema(McapRecordParser.Schema(reader)); break;
            case McapOpcode.Channel: directory.AddChannel(McapRecordParser.Channel(reader)); break;
            case McapOpcode.Metadata: directory.ScannedMetadata.Add(McapRecordParser.Metadata(reader)); break;
            case McapOpcode.Message:
                if (body.Length < 22)
                    throw reader.Error($"message record of {body.Length} bytes is shorter than its 22-byte header");
                var logTime = BinaryPrimitives.ReadUInt64LittleEndian(body.AsSpan(6));
                _stats.Add(BinaryPrimitives.ReadUInt16LittleEndian(body), logTime);
                if (_looseOffset < 0)
                    _looseOffset = recordOffset;
                _looseStart = Math.Min(_looseStart, logTime);
                _looseEnd = Math.Max(_looseEnd, logTime);
                _looseMessages.U8((byte)McapOpcode.Message);
                _looseMessages.U64((ulong)body.Length);
                _looseMessages.Raw(body);
                break;
        }
    }

    /// <summary>The file ends inside a chunk: decompress what is there and keep every complete message in it.</summary>
    private void RecoverCutChunk(McapDirectory directory, long offset)
    {
        var present = file.Read(offset, file.Length - offset, "cut-off chunk");
        McapChunkHeader header;
        try
        {
            header = CutChunkHeader(present, offset);
        }
        catch (BagFormatException)
        {
            ReportLostTail(directory, offset, "a chunk header");
            return;
        }
        if (!ChunkCodec.IsKnown(header.Compression))
        {
            ReportLostTail(directory, offset, $"a chunk with unknown compression '{header.Compression}'");
            return;
        }
        var compressedPresent = present.AsSpan((int)header.RecordsOffset).ToArray();
        var records = header.Compression.Length == 0
            ? compressedPresent
            : ChunkCodec.DecompressPrefix(header.Compression, compressedPresent, (int)Math.Min(header.UncompressedSize, (ulong)Array.MaxLength));
        var complete = McapChunkMessages.CompleteRecordsLength(records);
        var entries = McapChunkMessages.Parse(new ArraySegment<byte>(records, 0, complete), directory, null, 0, ulong.MaxValue, file.Name, offset);
        _stats.Add(entries);
        if (entries.Count > 0)
            directory.Chunks.Add(new McapChunkRef(offset, present.Length, entries.Min(e => e.LogTime), entries.Max(e => e.LogTime),
                entries.Select(e => e.ChannelId).ToHashSet(), header.Compression, records[..complete]));
        var last = entries.Count > 0 ? $", the last at log time {entries.Max(e => e.LogTime)} ns" : "";
        var lost = (long)header.UncompressedSize - complete;
        directory.Issues.Add(new BagIssue(file.Name, offset, BagIssueKind.Truncated,
            $"file ends inside a {CompressionWord(header.Compression)} chunk ({present.Length} bytes of the record present); " +
            $"recovered {entries.Count} complete messages from it{last}; lost the rest of that chunk ({lost} of its {header.UncompressedSize} " +
            "uncompressed bytes) and the summary and footer", lost));
    }

    private static string CompressionWord(string compression) => compression.Length == 0 ? "uncompressed" : compression;

    private McapChunkHeader CutChunkHeader(byte[] present, long offset)
    {
        var reader = new McapFieldReader(present.AsSpan(McapConstants.RecordPrefixLength), file.Name, offset + 9);
        var start = reader.U64("message_start_time");
        var end = reader.U64("message_end_time");
        var size = reader.U64("uncompressed_size");
        var crc = reader.U32("uncompressed_crc");
        var compression = reader.String("compression");
        reader.U64("records length");
        var recordsOffset = McapConstants.RecordPrefixLength + reader.Position;
        return new McapChunkHeader(start, end, size, crc, compression, recordsOffset, present.Length - recordsOffset);
    }

    private void ReportLostTail(McapDirectory directory, long offset, string what) =>
        directory.Issues.Add(new BagIssue(file.Name, offset, BagIssueKind.Truncated,
            $"file ends inside {what}; everything before it was read; the summary and footer are missing", file.Length - offset));

    private void ReportCleanCut(McapDirectory directory, long offset) =>
        directory.Issues.Add(new BagIssue(file.Name, offset, BagIssueKind.Truncated,
            "file ends after a complete record but without data end, summary and footer (recording was not finished); all messages present were read", 0));
}
