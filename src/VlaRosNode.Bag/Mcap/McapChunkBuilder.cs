namespace VlaRosNode.Bag.Mcap;

/// <summary>The open chunk: serialised message records plus, per channel, the (log time, offset) entries
/// that become its message index records.</summary>
internal sealed class McapChunkBuilder(int capacity)
{
    private readonly McapRecordBuffer _records = new(capacity + 64 * 1024);
    private readonly SortedDictionary<ushort, List<(ulong LogTime, ulong Offset)>> _indexes = [];

    public bool IsEmpty => _records.Length == 0;

    public int UncompressedSize => _records.Length;

    public ReadOnlySpan<byte> Records => _records.WrittenSpan;

    public ulong StartTime { get; private set; } = ulong.MaxValue;

    public ulong EndTime { get; private set; }

    /// <summary>Per channel, ascending channel id; entries in write order (the spec asks readers not to assume sorted).</summary>
    public IEnumerable<KeyValuePair<ushort, List<(ulong LogTime, ulong Offset)>>> MessageIndexes => _indexes.Where(kv => kv.Value.Count > 0);

    public void Add(ushort channelId, uint sequence, ulong logTime, ulong publishTime, ReadOnlySpan<byte> data)
    {
        if (!_indexes.TryGetValue(channelId, out var entries))
            _indexes[channelId] = entries = [];
        entries.Add((logTime, (ulong)_records.Length));
        McapRecordSerializer.Message(_records, channelId, sequence, logTime, publishTime, data);
        StartTime = Math.Min(StartTime, logTime);
        EndTime = Math.Max(EndTime, logTime);
    }

    public void Clear()
    {
        _records.Clear();
        foreach (var entries in _indexes.Values)
            entries.Clear();
        StartTime = ulong.MaxValue;
        EndTime = 0;
    }
}
