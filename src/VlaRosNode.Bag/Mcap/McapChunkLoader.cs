using System.IO.Hashing;

namespace VlaRosNode.Bag.Mcap;

/// <summary>Reads one chunk record from the file, checks its CRC and decompresses it.</summary>
internal sealed class McapChunkLoader(RandomAccessFile file, bool validateCrcs) : IDisposable
{
    // A lying uncompressed_size must not make us allocate gigabytes: allow what any real codec ratio gives.
    private const long MaxExpansion = 2048;
    private const long ExpansionSlack = 64L * 1024 * 1024;

    // One codec per thread: chunks are decompressed in parallel by the prefetcher.
    private readonly ThreadLocal<ChunkCodec> _codec = new(() => new ChunkCodec(), trackAllValues: true);

    /// <summary>The uncompressed records of the chunk at <paramref name="chunk"/>.</summary>
    public ArraySegment<byte> Load(McapChunkRef chunk)
    {
        if (chunk.Records is not null)
            return chunk.Records;
        var record = file.Read(chunk.Offset, chunk.Length, "chunk record");
        if (record.Length < McapConstants.RecordPrefixLength || record[0] != (byte)McapOpcode.Chunk)
            throw BagFormatException.AtOffset(file.Name, chunk.Offset, "chunk index points at a record that is not a chunk");
        var bodyLength = BitConverter.ToUInt64(record, 1);
        if (bodyLength != (ulong)(record.Length - McapConstants.RecordPrefixLength))
            throw BagFormatException.AtOffset(file.Name, chunk.Offset, $"chunk record length {bodyLength} disagrees with its index ({record.Length - 9})");
        var reader = new McapFieldReader(record.AsSpan(McapConstants.RecordPrefixLength), file.Name, chunk.Offset + McapConstants.RecordPrefixLength);
        var header = McapRecordParser.ChunkHeader(reader, McapConstants.RecordPrefixLength);
        return Decode(record, header, chunk.Offset);
    }

    /// <summary>Decompresses and CRC-checks the records of a chunk whose whole record is in <paramref name="record"/>.</summary>
    public ArraySegment<byte> Decode(byte[] record, McapChunkHeader header, long chunkOffset)
    {
        var compressed = new ArraySegment<byte>(record, (int)header.RecordsOffset, (int)header.RecordsLength);
        var recordsAt = chunkOffset + header.RecordsOffset;
        ArraySegment<byte> records;
        if (header.Compression.Length == 0)
        {
            if (header.UncompressedSize != (ulong)compressed.Count)
                throw BagFormatException.AtOffset(file.Name, recordsAt, $"uncompressed chunk holds {compressed.Count} bytes but declares {header.UncompressedSize}");
            records = compressed;
        }
        else
        {
            if (!ChunkCodec.IsKnown(header.Compression))
                throw BagFormatException.AtOffset(file.Name, chunkOffset, $"unknown chunk compression '{header.Compression}' (supported: none, zstd, lz4)");
            if (header.UncompressedSize > (ulong)Math.Min(Array.MaxLength, compressed.Count * MaxExpansion + ExpansionSlack))
                throw BagFormatException.AtOffset(file.Name, recordsAt, $"chunk declares an implausible uncompressed size {header.UncompressedSize} for {compressed.Count} compressed bytes");
            var output = GC.AllocateUninitializedArray<byte>((int)header.UncompressedSize);
            _codec.Value!.Decompress(header.Compression, compressed, output, file.Name, recordsAt);
            records = output;
        }
        if (validateCrcs && header.UncompressedCrc != 0)
        {
            var crc = Crc32.HashToUInt32(records);
            if (crc != header.UncompressedCrc)
                throw BagFormatException.AtOffset(file.Name, chunkOffset, $"chunk CRC mismatch: computed {crc:x8}, stored {header.UncompressedCrc:x8}");
        }
        return records;
    }

    public void Dispose()
    {
        foreach (var codec in _codec.Values)
            codec.Dispose();
        _codec.Dispose();
    }
}
