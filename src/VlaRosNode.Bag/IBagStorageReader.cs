namespace VlaRosNode.Bag;

/// <summary>One storage file of a bag (.mcap or .db3), read by the plugin for its format.</summary>
public interface IBagStorageReader : IDisposable
{
    string FilePath { get; }

    /// <summary><c>mcap</c> or <c>sqlite3</c>, as metadata.yaml names it.</summary>
    string StorageIdentifier { get; }

    IReadOnlyList<TopicMetadata> Topics { get; }

    StorageSummary Summary { get; }

    /// <summary>Damage found and worked around while opening or reading (truncation, skipped chunks).</summary>
    IReadOnlyList<BagIssue> Issues { get; }

    /// <summary>The rosbag2 metadata YAML stored inside the file (MCAP metadata record, sqlite metadata table), if any.</summary>
    string? EmbeddedMetadataYaml { get; }

    /// <summary>Messages in log-time order (equal times in file order).</summary>
    IEnumerable<BagMessage> ReadMessages(MessageFilter filter);
}

/// <summary>Message counts and time range of one storage file.</summary>
public sealed record StorageSummary(IReadOnlyDictionary<string, long> MessageCounts, long MessageCount, long StartTime, long EndTime)
{
    public static StorageSummary Empty { get; } = new(new Dictionary<string, long>(), 0, 0, 0);
}
