namespace VlaRosNode.Bag;

/// <summary>A source of time-ordered items that is opened only when the merge reaches <see cref="LowerBound"/>
/// (an MCAP chunk is read and decompressed only when its first message is due).</summary>
internal sealed record MergeSource<T>(long LowerBound, Func<IEnumerable<T>> Open);

/// <summary>k-way merge of time-ordered sources into one time-ordered stream. Equal times keep source order,
/// so messages with the same timestamp come out in file order.</summary>
internal static class TimeOrderedMerge
{
    public static IEnumerable<T> Merge<T>(IReadOnlyList<MergeSource<T>> sources, Func<T, long> time)
    {
        var queue = new PriorityQueue<(int Source, IEnumerator<T>? Cursor), (long Time, int Source)>();
        for (var i = 0; i < sources.Count; i++)
            queue.Enqueue((i, null), (sources[i].LowerBound, i));

        try
        {
            while (queue.TryDequeue(out var entry, out _))
            {
                var cursor = entry.Cursor;
                if (cursor is null)
                {
                    cursor = sources[entry.Source].Open().GetEnumerator();
                    if (!cursor.MoveNext())
                    {
                        cursor.Dispose();
                        continue;
                    }
                    // The lower bound was only a bound: queue the first real item unless it is still the earliest.
                    if (!IsEarliest(queue, (time(cursor.Current), entry.Source)))
                    {
                        queue.Enqueue((entry.Source, cursor), (time(cursor.Current), entry.Source));
                        continue;
                    }
                }
                // Yield from this cursor while it stays ahead of everything queued (the common, non-overlapping case).
                while (true)
                {
                    yield return cursor.Current;
                    if (!cursor.MoveNext())
                    {
                        cursor.Dispose();
                        break;
                    }
                    var next = (time(cursor.Current), entry.Source);
                    if (!IsEarliest(queue, next))
                    {
                        queue.Enqueue((entry.Source, cursor), next);
                        break;
                    }
                }
            }
        }
        finally
        {
            while (queue.TryDequeue(out var left, out _))
                left.Cursor?.Dispose();
        }
    }

    private static bool IsEarliest<TEntry>(PriorityQueue<TEntry, (long, int)> queue, (long, int) key) =>
        !queue.TryPeek(out _, out var head) || Comparer<(long, int)>.Default.Compare(key, head) < 0;
}
