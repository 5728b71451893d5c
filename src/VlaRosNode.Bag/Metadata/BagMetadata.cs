namespace VlaRosNode.Bag;

/// <summary>The contents of a bag's metadata.yaml (<c>rosbag2_bagfile_information</c>).</summary>
public sealed record BagMetadata
{
    public const int LatestVersion = 9;
    public const int HumbleVersion = 5;

    public int Version { get; init; } = LatestVersion;

    /// <summary><c>mcap</c> or <c>sqlite3</c>.</summary>
    public string StorageIdentifier { get; init; } = "mcap";

    public IReadOnlyList<string> RelativeFilePaths { get; init; } = [];

    /// <summary>ns.</summary>
    public long Duration { get; init; }

    /// <summary>ns since the epoch.</summary>
    public long StartingTime { get; init; }

    public long MessageCount { get; init; }

    public IReadOnlyList<TopicWithCount> Topics { get; init; } = [];

    /// <summary>File-level compression (sqlite3 bags: "zstd" with mode FILE or MESSAGE); MCAP chunk compression is not listed here.</summary>
    public string CompressionFormat { get; init; } = "";

    public string CompressionMode { get; init; } = "";

    /// <summary>Per file (version 5 and later).</summary>
    public IReadOnlyList<BagFileInfo> Files { get; init; } = [];

    public IReadOnlyDictionary<string, string> CustomData { get; init; } = new Dictionary<string, string>();

    public string RosDistro { get; init; } = "";
}

public sealed record TopicWithCount(TopicMetadata Topic, long MessageCount);

/// <summary>One storage file of a bag: path relative to the bag folder, start, duration (ns) and count.</summary>
public sealed record BagFileInfo(string Path, long StartingTime, long Duration, long MessageCount);
