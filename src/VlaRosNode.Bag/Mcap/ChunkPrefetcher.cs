namespace VlaRosNode.Bag.Mcap;

/// <summary>Loads (reads, decompresses, CRC-checks) the next few chunks on worker threads while the current one is
/// being consumed, so decompression runs on every core instead of one. Chunks are taken in the order the
/// time-ordered merge opens them.</summary>
internal sealed class ChunkPrefetcher(IReadOnlyList<McapChunkRef> chunks, Func<McapChunkRef, ArraySegment<byte>> load, int depth)
{
    private readonly Task<ArraySegment<byte>>?[] _loads = new Task<ArraySegment<byte>>?[chunks.Count];

    /// <summary>The records of chunk <paramref name="index"/>; starts loading the following ones.
    /// Load errors (<see cref="BagFormatException"/>) surface here, for this chunk.</summary>
    public ArraySegment<byte> Take(int index)
    {
        for (var next = index; next < Math.Min(chunks.Count, index + depth); next++)
        {
            var chunk = chunks[next];
            _loads[next] ??= Task.Run(() => load(chunk));
        }
        var records = _loads[index]!.GetAwaiter().GetResult();
        _loads[index] = null;
        return records;
    }
}
