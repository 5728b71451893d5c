using System.Text;
using VlaRosNode.Bag.Metadata;

namespace VlaRosNode.Bag.Mcap;

/// <summary>Reads a rosbag2 MCAP file (profile <c>ros2</c>, or any MCAP with CDR messages): through the summary
/// when present, by a linear scan when not (recovering cut-off files up to the last complete message).</summary>
public sealed class McapBagReader : IBagStorageReader
{
    private readonly RandomAccessFile _file;
    private readonly BagReadOptions _options;
    private readonly McapChunkLoader _loader;
    private readonly McapDirectory _directory;
    private readonly Dictionary<ushort, TopicMetadata> _topics = [];

    private McapBagReader(string path, BagReadOptions options)
    {
        _file = new RandomAccessFile(path);
        _options = options;
        _loader = new McapChunkLoader(_file, options.ValidateCrcs);
        try
        {
            var header = ReadHeader(out var firstRecord);
            _directory = McapSummaryReader.TryRead(_file, header, options.ValidateCrcs)
                         ?? new McapScanner(_file, _loader, options).Scan(header, firstRecord, McapSummaryReader.EndsWithMagic(_file));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static McapBagReader Open(string path, BagReadOptions? options = null) => new(path, options ?? BagReadOptions.Default);

    public string FilePath => _file.Path;

    public string StorageIdentifier => "mcap";

    public string Profile => _directory.Header.Profile;

    public string Library => _directory.Header.Library;

    /// <summary>True when the summary section was used (false: linear scan).</summary>
    public bool HasSummary => _directory.FromSummary;

    public int ChunkCount => _directory.Chunks.Count(c => c.Length > 0);

    /// <summary>Where the chunks are (tests cut and corrupt files at chunk boundaries).</summary>
    internal IReadOnlyList<McapChunkRef> Chunks => _directory.Chunks;

    /// <summary>The compressions used by the file's chunks ("" = none).</summary>
    public IEnumerable<string> ChunkCompressions => _directory.Chunks.Where(c => c.Length > 0).Select(c => c.Compression).Distinct();

    public IReadOnlyList<TopicMetadata> Topics => _directory.Channels.Keys.Order().Select(Topic).ToList();

    public IReadOnlyList<BagIssue> Issues => _directory.Issues;

    public StorageSummary Summary
    {
        get
        {
            if (_directory.Statistics is not { } stats)
                return ComputeSummary();
            var counts = new Dictionary<string, long>();
            foreach (var (channelId, count) in stats.ChannelMessageCounts)
                if (_directory.Channels.ContainsKey(channelId))
                    counts[Topic(channelId).Name] = counts.GetValueOrDefault(Topic(channelId).Name) + (long)count;
            return new StorageSummary(counts, (long)stats.MessageCount, (long)stats.MessageStartTime, (long)stats.MessageEndTime);
        }
    }

    public string? EmbeddedMetadataYaml =>
        ReadMetadata(McapConstants.Rosbag2MetadataName).FirstOrDefault()?.Values.GetValueOrDefault(McapConstants.Rosbag2MetadataKey);

    /// <summary>Metadata records with this name, through the metadata index or from the scan.</summary>
    internal IEnumerable<McapMetadata> ReadMetadata(string name)
    {
        foreach (var metadata in _directory.ScannedMetadata.Where(m => m.Name == name))
            yield return metadata;
        foreach (var index in _directory.MetadataIndexes.Where(i => i.Name == name))
        {
            var record = _file.Read((long)index.Offset, (long)index.Length, "metadata record");
            if (record.Length < McapConstants.RecordPrefixLength || record[0] != (byte)McapOpcode.Metadata)
                throw BagFormatException.AtOffset(_file.Name, (long)index.Offset, "metadata index points at a record that is not metadata");
            yield return McapRecordParser.Metadata(new McapFieldReader(record.AsSpan(McapConstants.RecordPrefixLength), _file.Name, (long)index.Offset + 9));
        }
    }

    public IEnumerable<BagMessage> ReadMessages(MessageFilter filter)
    {
        IReadOnlySet<ushort>? wanted = filter.Topics is null
            ? null
            : _directory.Channels.Values.Where(c => filter.Topics.Contains(c.Topic)).Select(c => c.Id).ToHashSet();
        var start = (ulong)Math.Max(0, filter.StartTime);
        if (filter.EndTime < 0)
            return [];
        var end = (ulong)filter.EndTime;
        var chunks = _directory.Chunks
            .Where(c => c.MayHold(wanted) && c.EndTime >= start && c.StartTime <= end)
            .OrderBy(c => c.StartTime) // the order the merge opens them in (ties: file order, as OrderBy is stable)
            .ToList();
        var prefetcher = new ChunkPrefetcher(chunks, _loader.Load, Math.Max(2, Environment.ProcessorCount));
        var sources = chunks
            .Select((c, i) => new MergeSource<BagMessage>((long)c.StartTime, () => ChunkMessages(c, prefetcher, i, wanted, start, end)))
            .ToList();
        return TimeOrderedMerge.Merge(sources, m => m.LogTime);
    }

    private IEnumerable<BagMessage> ChunkMessages(McapChunkRef chunk, ChunkPrefetcher prefetcher, int index, IReadOnlySet<ushort>? wanted, ulong start, ulong end)
    {
        ArraySegment<byte> records;
        try
        {
            records = prefetcher.Take(index);
        }
        catch (BagFormatException e) when (_options.SkipCorrupt)
        {
            _directory.Issues.Add(new BagIssue(_file.Name, chunk.Offset, BagIssueKind.CorruptChunkSkipped, $"chunk skipped: {e.Reason}", chunk.Length));
            return [];
        }
        var entries = McapChunkMessages.Parse(records, _directory, wanted, start, end, _file.Name, chunk.Offset);
        var buffer = records.Array!;
        return entries.Select(e => new BagMessage(Topic(e.ChannelId), (long)e.LogTime, (long)e.PublishTime, buffer.AsMemory(e.DataOffset, e.DataLength)));
    }

    private TopicMetadata Topic(ushort channelId)
    {
        if (_topics.TryGetValue(channelId, out var topic))
            return topic;
        if (!_directory.Channels.TryGetValue(channelId, out var channel))
            throw BagFormatException.AtOffset(_file.Name, 0, $"message refers to channel {channelId}, which the file never defines");
        _directory.Schemas.TryGetValue(channel.SchemaId, out var schema);
        var qos = channel.Metadata.TryGetValue(McapConstants.QosMetadataKey, out var qosYaml)
            ? QosYaml.Parse(qosYaml, _file.Name, $"channel {channelId} metadata {McapConstants.QosMetadataKey}")
            : [];
        topic = new TopicMetadata(channel.Topic, schema?.Name ?? "", channel.MessageEncoding, qos,
            channel.Metadata.GetValueOrDefault(McapConstants.TypeHashMetadataKey, ""),
            schema is null ? null : new MessageDefinition(schema.Encoding, Encoding.UTF8.GetString(schema.Data)));
        _topics[channelId] = topic;
        return topic;
    }

    private StorageSummary ComputeSummary()
    {
        var counts = new Dictionary<string, long>();
        long count = 0, start = long.MaxValue, end = 0;
        foreach (var message in ReadMessages(MessageFilter.All))
        {
            counts[message.Topic.Name] = counts.GetValueOrDefault(message.Topic.Name) + 1;
            count++;
            start = Math.Min(start, message.LogTime);
            end = Math.Max(end, message.LogTime);
        }
        return new StorageSummary(counts, count, count == 0 ? 0 : start, end);
    }

    private McapHeader ReadHeader(out long firstRecord)
    {
        var start = new byte[McapConstants.MagicLength + McapConstants.RecordPrefixLength];
        var available = _file.ReadAvailable(0, start);
        if (available < McapConstants.MagicLength || !start.AsSpan(0, McapConstants.MagicLength).SequenceEqual(McapConstants.Magic))
            throw BagFormatException.AtOffset(_file.Name, 0, "wrong magic: not an MCAP file (expected 89 4D 43 41 50 30 0D 0A)");
        if (available < start.Length || start[8] != (byte)McapOpcode.Header)
            throw BagFormatException.AtOffset(_file.Name, 8, "MCAP magic is not followed by a header record");
        var length = BitConverter.ToUInt64(start, 9);
        var body = _file.Read(start.Length, (long)Math.Min(length, long.MaxValue), "header record");
        firstRecord = start.Length + body.Length;
        return McapRecordParser.Header(new McapFieldReader(body, _file.Name, start.Length));
    }

    public void Dispose()
    {
        _loader.Dispose();
        _file.Dispose();
    }
}
