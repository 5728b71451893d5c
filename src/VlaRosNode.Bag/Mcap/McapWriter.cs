using System.IO.Hashing;

namespace VlaRosNode.Bag.Mcap;

/// <summary>Writes an MCAP file: chunked messages with per-chunk message indexes, then on <see cref="Dispose"/>
/// the full summary (schemas, channels, statistics, chunk and metadata indexes, summary offsets) and footer.
/// Schemas, channels and metadata go straight to the data section, outside chunks, so a file cut short by a
/// power loss still describes every message that made it to disk.</summary>
internal sealed class McapWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly McapWriterOptions _options;
    private readonly ChunkCodec _codec;
    private readonly McapRecordBuffer _records = new();
    private readonly McapChunkBuilder _chunk;
    private readonly Crc32 _dataCrc = new();
    private readonly List<McapSchema> _schemas = [];
    private readonly List<McapChannel> _channels = [];
    private readonly List<McapChunkIndex> _chunkIndexes = [];
    private readonly List<McapMetadataIndex> _metadataIndexes = [];
    private readonly Dictionary<ushort, ulong> _channelMessageCounts = [];
    private long _position;
    private ulong _messageCount;
    private ulong _startTime = ulong.MaxValue;
    private ulong _endTime;
    private bool _finished;

    public McapWriter(Stream stream, McapWriterOptions? options = null)
    {
        _stream = stream;
        _options = options ?? McapWriterOptions.Default;
        _codec = new ChunkCodec(_options.Compression, _options.ZstdLevel);
        _chunk = new McapChunkBuilder(_options.ChunkSize);
        _records.Raw(McapConstants.Magic);
        McapRecordSerializer.Header(_records, new McapHeader(_options.Profile, McapWriterOptions.Library));
        WriteDataRecords();
        _stream.Flush();
    }

    public static McapWriter Create(string path, McapWriterOptions? options = null) =>
        new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0), options);

    /// <summary>Bytes written to the file so far (the open chunk not included).</summary>
    public long BytesWritten => _position;

    public ushort AddSchema(string name, string encoding, ReadOnlySpan<byte> data)
    {
        // Schema id 0 means "no schema" in MCAP, so ids start at 1.
        var schema = new McapSchema((ushort)(_schemas.Count + 1), name, encoding, data.ToArray());
        _schemas.Add(schema);
        McapRecordSerializer.Schema(_records, schema);
        WriteDataRecords();
        return schema.Id;
    }

    public ushort AddChannel(ushort schemaId, string topic, string messageEncoding, IReadOnlyDictionary<string, string> metadata)
    {
        var channel = new McapChannel((ushort)_channels.Count, schemaId, topic, messageEncoding, metadata);
        _channels.Add(channel);
        McapRecordSerializer.Channel(_records, channel);
        WriteDataRecords();
        return channel.Id;
    }

    public void AddMessage(ushort channelId, uint sequence, ulong logTime, ulong publishTime, ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (channelId >= _channels.Count)
            throw new ArgumentOutOfRangeException(nameof(channelId), $"channel {channelId} was never added");
        _chunk.Add(channelId, sequence, logTime, publishTime, data);
        _messageCount++;
        _channelMessageCounts[channelId] = _channelMessageCounts.GetValueOrDefault(channelId) + 1;
        _startTime = Math.Min(_startTime, logTime);
        _endTime = Math.Max(_endTime, logTime);
        if (_chunk.UncompressedSize >= _options.ChunkSize)
            FlushChunk();
    }

    public void AddMetadata(string name, IReadOnlyDictionary<string, string> values)
    {
        // Keep chunk order = time order: whatever is buffered goes first.
        FlushChunk();
        var offset = (ulong)_position;
        McapRecordSerializer.Metadata(_records, new McapMetadata(name, values));
        var length = (ulong)_records.Length;
        WriteDataRecords();
        _metadataIndexes.Add(new McapMetadataIndex(offset, length, name));
    }

    /// <summary>Writes the open chunk and its message indexes, then flushes (and fsyncs when configured).</summary>
    public void FlushChunk()
    {
        if (_chunk.IsEmpty)
            return;
        var chunkStart = _position;
        var uncompressed = _chunk.Records;
        var crc = Crc32.HashToUInt32(uncompressed);
        var compressed = _codec.Compress(uncompressed);
        var compression = _options.Compression.ToMcapName();
        var at = McapRecordSerializer.ChunkHeader(_records, _chunk.StartTime, _chunk.EndTime, (ulong)uncompressed.Length, crc, compression, (ulong)compressed.Length);
        // The chunk body is header + records: write the header, then the records straight from their buffer.
        _records.EndRecord(at, trailingBytes: compressed.Length);
        WriteData(_records.WrittenSpan);
        _records.Clear();
        WriteData(compressed);
        var chunkLength = (ulong)(_position - chunkStart);

        var indexStart = _position;
        var indexOffsets = new Dictionary<ushort, ulong>();
        foreach (var (channelId, entries) in _chunk.MessageIndexes)
        {
            indexOffsets[channelId] = (ulong)(_position + _records.Length);
            McapRecordSerializer.MessageIndex(_records, channelId, entries);
        }
        WriteDataRecords();

        _chunkIndexes.Add(new McapChunkIndex(_chunk.StartTime, _chunk.EndTime, (ulong)chunkStart, chunkLength, indexOffsets,
            (ulong)(_position - indexStart), compression, (ulong)compressed.Length, (ulong)uncompressed.Length));
        _chunk.Clear();
        Flush();
    }

    /// <summary>Finishes the file: last chunk, data end, summary, footer, magic.</summary>
    public void Dispose()
    {
        if (_finished)
            return;
        FlushChunk();
        _finished = true;
        McapRecordSerializer.DataEnd(_records, _dataCrc.GetCurrentHashAsUInt32());
        WriteDataRecords();
        new McapSummaryWriter(_records).Write(_position, _schemas, _channels, Statistics(), _chunkIndexes, _metadataIndexes);
        _stream.Write(_records.WrittenSpan);
        _position += _records.Length;
        _records.Clear();
        Flush();
        _stream.Dispose();
        _codec.Dispose();
    }

    private McapStatistics Statistics() => new(_messageCount, (ushort)_schemas.Count, (uint)_channels.Count, 0,
        (uint)_metadataIndexes.Count, (uint)_chunkIndexes.Count, _messageCount == 0 ? 0 : _startTime, _endTime, _channelMessageCounts);

    private void WriteDataRecords()
    {
        WriteData(_records.WrittenSpan);
        _records.Clear();
    }

    private void WriteData(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        _dataCrc.Append(bytes);
        _position += bytes.Length;
    }

    private void Flush()
    {
        if (_stream is FileStream file)
            file.Flush(flushToDisk: _options.SyncToDisk);
        else
            _stream.Flush();
    }
}
