namespace VlaRosNode.Bag.Mcap;

/// <summary>Counts messages per channel and the time range while a scan walks the file (files without statistics).</summary>
internal sealed class McapStatisticsBuilder
{
    private readonly Dictionary<ushort, ulong> _counts = [];
    private ulong _count, _start = ulong.MaxValue, _end;

    public void Add(ushort channelId, ulong logTime)
    {
        _counts[channelId] = _counts.GetValueOrDefault(channelId) + 1;
        _count++;
        _start = Math.Min(_start, logTime);
        _end = Math.Max(_end, logTime);
    }

    public void Add(IEnumerable<McapChunkMessages.Entry> entries)
    {
        foreach (var entry in entries)
            Add(entry.ChannelId, entry.LogTime);
    }

    public McapStatistics Build(McapDirectory directory) => new(_count, (ushort)directory.Schemas.Count, (uint)directory.Channels.Count, 0,
        (uint)directory.ScannedMetadata.Count, (uint)directory.Chunks.Count, _count == 0 ? 0 : _start, _end, _counts);
}
