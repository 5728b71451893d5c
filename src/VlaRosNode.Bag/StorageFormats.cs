using VlaRosNode.Bag.Mcap;
using VlaRosNode.Bag.Sqlite;

namespace VlaRosNode.Bag;

/// <summary>Recognises a storage file by its first bytes and opens the matching reader.</summary>
public static class StorageFormats
{
    private static ReadOnlySpan<byte> SqliteMagic => "SQLite format 3\0"u8;

    public static IBagStorageReader Open(string path, BagReadOptions options)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"bag file {path} does not exist", path);
        var head = new byte[16];
        int read;
        using (var stream = File.OpenRead(path))
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read >= 8 && head.AsSpan(0, 8).SequenceEqual(McapConstants.Magic))
            return McapBagReader.Open(path, options);
        if (read >= 16 && head.AsSpan().SequenceEqual(SqliteMagic))
            return SqliteBagReader.Open(path);
        var hint = Path.GetExtension(path) switch { ".mcap" => "wrong magic: not an MCAP file", ".db3" => "not an sqlite3 database", _ => "neither MCAP nor sqlite3" };
        throw BagFormatException.AtOffset(Path.GetFileName(path), 0, $"{hint} (first bytes {Convert.ToHexString(head, 0, read)})");
    }

    /// <summary>File extension for a storage identifier.</summary>
    public static string Extension(string storageIdentifier) => storageIdentifier switch
    {
        "mcap" => ".mcap",
        "sqlite3" => ".db3",
        _ => throw new ArgumentException($"unknown storage '{storageIdentifier}' (mcap or sqlite3)", nameof(storageIdentifier)),
    };
}
