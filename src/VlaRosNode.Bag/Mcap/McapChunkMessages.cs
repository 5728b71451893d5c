using System.Buffers.Binary;

namespace VlaRosNode.Bag.Mcap;

/// <summary>Walks the records of one decompressed chunk: registers schemas and channels found inside it and
/// returns the wanted messages sorted by log time (stable, so equal times keep file order).</summary>
internal static class McapChunkMessages
{
    /// <summary>A message located inside the chunk buffer.</summary>
    public readonly record struct Entry(ulong LogTime, ulong PublishTime, ushort ChannelId, int DataOffset, int DataLength);

    /// <param name="wanted">Channels to return (null = all).</param>
    /// <param name="chunkOffset">File offset of the chunk, for errors.</param>
    public static List<Entry> Parse(ArraySegment<byte> records, McapDirectory directory, IReadOnlySet<ushort>? wanted,
        ulong startTime, ulong endTime, string file, long chunkOffset)
    {
        var entries = new List<Entry>();
        var span = records.AsSpan();
        var position = 0;
        var sorted = true;
        ulong lastTime = 0;
        while (position < span.Length)
        {
            if (span.Length - position < McapConstants.RecordPrefixLength)
                throw Error(file, chunkOffset, position, "record header cut off at the end of the chunk");
            var opcode = (McapOpcode)span[position];
            var length = BinaryPrimitives.ReadUInt64LittleEndian(span[(position + 1)..]);
            var bodyStart = position + McapConstants.RecordPrefixLength;
            if (length > (ulong)(span.Length - bodyStart))
                throw Error(file, chunkOffset, position, $"record length {length} runs past the end of the chunk");
            var body = span.Slice(bodyStart, (int)length);
            switch (opcode)
            {
                case McapOpcode.Message:
                    if (body.Length < 22)
                        throw Error(file, chunkOffset, position, $"message record of {body.Length} bytes is shorter than its 22-byte header");
                    var channelId = BinaryPrimitives.ReadUInt16LittleEndian(body);
                    var logTime = BinaryPrimitives.ReadUInt64LittleEndian(body[6..]);
                    if ((wanted is null || wanted.Contains(channelId)) && logTime >= startTime && logTime <= endTime)
                    {
                        var publishTime = BinaryPrimitives.ReadUInt64LittleEndian(body[14..]);
                        entries.Add(new Entry(logTime, publishTime, channelId, records.Offset + bodyStart + 22, body.Length - 22));
                        sorted &= logTime >= lastTime;
                        lastTime = logTime;
                    }
                    break;
                case McapOpcode.Schema:
                    directory.AddSchema(McapRecordParser.Schema(new McapFieldReader(body, file, chunkOffset)));
                    break;
                case McapOpcode.Channel:
                    directory.AddChannel(McapRecordParser.Channel(new McapFieldReader(body, file, chunkOffset)));
                    break;
            }
            position = bodyStart + (int)length;
        }
        if (!sorted)
            SortStable(entries);
        return entries;
    }

    /// <summary>Length of the prefix of <paramref name="records"/> made of complete records (cut-off chunk recovery).</summary>
    public static int CompleteRecordsLength(ReadOnlySpan<byte> records)
    {
        var position = 0;
        while (records.Length - position >= McapConstants.RecordPrefixLength)
        {
            var length = BinaryPrimitives.ReadUInt64LittleEndian(records[(position + 1)..]);
            if (length > (ulong)(records.Length - position - McapConstants.RecordPrefixLength))
                break;
            position += McapConstants.RecordPrefixLength + (int)length;
        }
        return position;
    }

    private static void SortStable(List<Entry> entries)
    {
        var ordered = entries.Select((e, i) => (e, i)).OrderBy(x => x.e.LogTime).ThenBy(x => x.i).Select(x => x.e).ToList();
        entries.Clear();
        entries.AddRange(ordered);
    }

    private static BagFormatException Error(string file, long chunkOffset, int position, string reason) =>
        new(file, $"offset {position} inside the records of the chunk at offset {chunkOffset}", reason);
}
