namespace VlaRosNode.Bag;

/// <summary>A bag's overview as <c>ros2 bag info</c> shows it, computed from the storage files themselves.</summary>
public sealed record BagInfo(
    IReadOnlyList<string> Files,
    long SizeBytes,
    string StorageIdentifier,
    string RosDistro,
    string Compression,
    long StartTime,
    long EndTime,
    long MessageCount,
    IReadOnlyList<TopicWithCount> Topics,
    IReadOnlyList<BagIssue> Issues)
{
    public long Duration => MessageCount == 0 ? 0 : EndTime - StartTime;

    /// <summary>True when a file was cut off (no footer or summary; last chunk truncated).</summary>
    public bool Incomplete => Issues.Any(i => i.Kind == BagIssueKind.Truncated);

    internal static BagInfo Of(BagReader bag)
    {
        var summaries = bag.Files.Select(f => f.Summary).ToList();
        var nonEmpty = summaries.Where(s => s.MessageCount > 0).ToList();
        var counts = new Dictionary<string, long>();
        foreach (var (topic, count) in summaries.SelectMany(s => s.MessageCounts))
            counts[topic] = counts.GetValueOrDefault(topic) + count;
        var compression = bag.Files.OfType<Mcap.McapBagReader>().SelectMany(m => m.ChunkCompressions).Distinct().ToList();
        return new BagInfo(
            bag.Files.Select(f => f.FilePath).ToList(),
            bag.Files.Sum(f => new FileInfo(f.FilePath).Length),
            bag.StorageIdentifier,
            bag.Metadata?.RosDistro ?? "",
            compression.Count == 0 ? bag.Metadata?.CompressionFormat ?? "" : string.Join(",", compression.Select(c => c.Length == 0 ? "none" : c)),
            nonEmpty.Count == 0 ? 0 : nonEmpty.Min(s => s.StartTime),
            nonEmpty.Count == 0 ? 0 : nonEmpty.Max(s => s.EndTime),
            summaries.Sum(s => s.MessageCount),
            bag.Topics.Select(t => new TopicWithCount(t, counts.GetValueOrDefault(t.Name))).ToList(),
            bag.Issues);
    }
}
