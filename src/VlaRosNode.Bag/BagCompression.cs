namespace VlaRosNode.Bag;

/// <summary>Chunk compression of an MCAP file (rosbag2's mcap storage compresses chunks, not whole files).</summary>
public enum BagCompression { None, Zstd, Lz4 }

public static class BagCompressionNames
{
    /// <summary>The MCAP chunk <c>compression</c> string: "", "zstd" or "lz4".</summary>
    public static string ToMcapName(this BagCompression compression) => compression switch
    {
        BagCompression.Zstd => "zstd",
        BagCompression.Lz4 => "lz4",
        _ => "",
    };

    /// <summary>Parses a command-line or MCAP name; null when unknown.</summary>
    public static BagCompression? Parse(string name) => name.ToLowerInvariant() switch
    {
        "" or "none" => BagCompression.None,
        "zstd" => BagCompression.Zstd,
        "lz4" => BagCompression.Lz4,
        _ => null,
    };
}
