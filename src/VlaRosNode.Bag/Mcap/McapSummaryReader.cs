using System.Buffers.Binary;
using System.IO.Hashing;

namespace VlaRosNode.Bag.Mcap;

/// <summary>Opens an MCAP file through its footer and summary section. Returns null when the file has no usable
/// summary (no footer, summary_start 0, or no chunk index although messages exist): the caller then scans.</summary>
internal static class McapSummaryReader
{
    public static bool EndsWithMagic(RandomAccessFile file)
    {
        Span<byte> tail = stackalloc byte[McapConstants.MagicLength];
        return file.Length >= 2 * McapConstants.MagicLength && file.ReadAvailable(file.Length - tail.Length, tail) == tail.Length && tail.SequenceEqual(McapConstants.Magic);
    }

    public static McapDirectory? TryRead(RandomAccessFile file, McapHeader header, bool validateCrcs)
    {
        const int tail = McapConstants.FooterRecordLength + McapConstants.MagicLength;
        if (file.Length < McapConstants.MagicLength + tail)
            return null;
        var end = file.Read(file.Length - tail, tail, "footer");
        if (!end.AsSpan(McapConstants.FooterRecordLength).SequenceEqual(McapConstants.Magic))
            return null;
        var footerOffset = file.Length - tail;
        if (end[0] != (byte)McapOpcode.Footer || BinaryPrimitives.ReadUInt64LittleEndian(end.AsSpan(1)) != McapConstants.FooterBodyLength)
            throw BagFormatException.AtOffset(file.Name, footerOffset, "file ends with the MCAP magic but no footer record precedes it");
        var footer = McapRecordParser.Footer(new McapFieldReader(end.AsSpan(McapConstants.RecordPrefixLength, McapConstants.FooterBodyLength), file.Name, footerOffset + 9));
        if (footer.SummaryStart == 0)
            return null;
        if (footer.SummaryStart > (ulong)footerOffset || footer.SummaryStart < McapConstants.MagicLength)
            throw BagFormatException.AtOffset(file.Name, footerOffset, $"footer summary_start {footer.SummaryStart} lies outside the file");

        var summaryStart = (long)footer.SummaryStart;
        var summary = file.Read(summaryStart, footerOffset - summaryStart, "summary section");
        if (validateCrcs && footer.SummaryCrc != 0)
        {
            var crc = new Crc32();
            crc.Append(summary);
            crc.Append(end.AsSpan(0, McapConstants.FooterRecordLength - 4));
            if (crc.GetCurrentHashAsUInt32() != footer.SummaryCrc)
                throw BagFormatException.AtOffset(file.Name, summaryStart, $"summary CRC mismatch: computed {crc.GetCurrentHashAsUInt32():x8}, stored {footer.SummaryCrc:x8}");
        }

        var directory = new McapDirectory { Header = header, FromSummary = true };
        foreach (var (opcode, body, bodyOffset) in McapRecordWalker.Records(summary, file.Name, summaryStart))
        {
            var reader = new McapFieldReader(body.Span, file.Name, bodyOffset);
            switch (opcode)
            {
                case McapOpcode.Schema: directory.AddSchema(McapRecordParser.Schema(reader)); break;
                case McapOpcode.Channel: directory.AddChannel(McapRecordParser.Channel(reader)); break;
                case McapOpcode.Statistics: directory.Statistics = McapRecordParser.Statistics(reader); break;
                case McapOpcode.MetadataIndex: directory.MetadataIndexes.Add(McapRecordParser.MetadataIndex(reader)); break;
                case McapOpcode.ChunkIndex:
                    var index = McapRecordParser.ChunkIndex(reader);
                    if (index.ChunkStartOffset > (ulong)file.Length || index.ChunkLength > (ulong)file.Length - index.ChunkStartOffset)
                        throw BagFormatException.AtOffset(file.Name, bodyOffset, $"chunk index points at {index.ChunkStartOffset}+{index.ChunkLength}, past the end of the file");
                    directory.Chunks.Add(new McapChunkRef((long)index.ChunkStartOffset, (long)index.ChunkLength, index.MessageStartTime,
                        index.MessageEndTime, index.MessageIndexOffsets.Keys.ToArray(), index.Compression));
                    break;
            }
        }
        // Messages outside chunks are only found by scanning.
        if (directory.Chunks.Count == 0 && directory.Statistics is not { MessageCount: 0 })
            return null;
        directory.Chunks.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return directory;
    }
}
