using VlaRosNode.Bag.Mcap;
using VlaRosNode.Bag.Metadata;
using VlaRosNode.Bag.Sqlite;
using VlaRosNode.Messages;

namespace VlaRosNode.Bag;

/// <param name="StorageIdentifier"><c>mcap</c> or <c>sqlite3</c>.</param>
/// <param name="Compression">MCAP chunk compression (sqlite3 bags are written uncompressed).</param>
/// <param name="RosDistro"><c>humble</c> writes metadata version 5, the Humble sqlite schema and integer QoS enums;
/// anything else writes version 9, the Jazzy schema and named QoS enums.</param>
/// <param name="MaxFileSizeBytes">Start a new storage file once one reaches this size (0 = one file).</param>
/// <param name="MessagesPerTransaction">sqlite3: messages per committed transaction (1 = each message durable).</param>
/// <param name="ChunkSize">MCAP chunk size.</param>
/// <param name="SyncToDisk">MCAP: fsync after each chunk.</param>
public sealed record BagWriterOptions(
    string StorageIdentifier = "mcap",
    BagCompression Compression = BagCompression.None,
    string RosDistro = "jazzy",
    long MaxFileSizeBytes = 0,
    int MessagesPerTransaction = 1,
    int ChunkSize = 768 * 1024,
    bool SyncToDisk = true)
{
    public bool IsHumble => RosDistro.Equals("humble", StringComparison.OrdinalIgnoreCase);

    public int MetadataVersion => IsHumble ? BagMetadata.HumbleVersion : BagMetadata.LatestVersion;
}

/// <summary>Writes a rosbag2 bag folder: storage files named <c>FOLDER_N.ext</c> (split by size when asked) and
/// metadata.yaml on <see cref="Dispose"/>. What a recorder and a converter need.</summary>
public sealed class BagWriter : IDisposable
{
    private readonly string _folder;
    private readonly BagWriterOptions _options;
    private readonly List<TopicMetadata> _topics = [];
    private readonly Dictionary<string, long> _counts = [];
    private readonly List<BagFileInfo> _finishedFiles = [];
    private IBagStorageWriter _current;
    private long _fileCount, _fileStart = long.MaxValue, _fileEnd = long.MinValue;
    private long _start = long.MaxValue, _end = long.MinValue;
    private bool _disposed;

    private BagWriter(string folder, BagWriterOptions options)
    {
        if (Directory.Exists(folder) || File.Exists(folder))
            throw new IOException($"output bag '{folder}' already exists");
        StorageFormats.Extension(options.StorageIdentifier);
        Directory.CreateDirectory(folder);
        _folder = folder;
        _options = options;
        _current = OpenFile(0);
    }

    public static BagWriter Create(string folder, BagWriterOptions? options = null) => new(folder, options ?? new BagWriterOptions());

    public string Folder => _folder;

    public void CreateTopic(TopicMetadata topic)
    {
        if (_topics.Any(t => t.Name == topic.Name))
            return;
        _topics.Add(topic);
        _counts[topic.Name] = 0;
        _current.CreateTopic(topic);
    }

    /// <param name="publishTime">Send time (ns); defaults to <paramref name="logTime"/>.</param>
    public void Write(string topic, long logTime, ReadOnlySpan<byte> data, long? publishTime = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_counts.TryGetValue(topic, out var count))
            throw new InvalidOperationException($"topic '{topic}' was not created before writing to it");
        if (_options.MaxFileSizeBytes > 0 && _current.BytesWritten >= _options.MaxFileSizeBytes && _fileCount > 0)
            Split();
        _current.Write(topic, logTime, publishTime ?? logTime, data);
        _counts[topic] = count + 1;
        _fileCount++;
        _fileStart = Math.Min(_fileStart, logTime);
        _fileEnd = Math.Max(_fileEnd, logTime);
        _start = Math.Min(_start, logTime);
        _end = Math.Max(_end, logTime);
    }

    /// <summary>Serialises <paramref name="message"/> to CDR and writes it.</summary>
    public void Write<T>(string topic, long logTime, T message, long? publishTime = null) where T : class, IRosMessage<T>, new()
    {
        var size = message.GetSerializedSize();
        var buffer = size <= 64 * 1024 ? stackalloc byte[size] : new byte[size];
        Write(topic, logTime, buffer[..message.Serialize(buffer)], publishTime);
    }

    /// <summary>Closes the last file and writes metadata.yaml.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        CloseCurrent();
        MetadataYaml.Write(Path.Combine(_folder, "metadata.yaml"), Metadata());
    }

    private void Split()
    {
        CloseCurrent();
        _current = OpenFile(_finishedFiles.Count);
        foreach (var topic in _topics)
            _current.CreateTopic(topic);
    }

    private IBagStorageWriter OpenFile(int index)
    {
        var path = Path.Combine(_folder, $"{Path.GetFileName(Path.GetFullPath(_folder))}_{index}{StorageFormats.Extension(_options.StorageIdentifier)}");
        return _options.StorageIdentifier == "mcap"
            ? new McapBagWriter(path, new McapWriterOptions(_options.Compression, _options.ChunkSize, SyncToDisk: _options.SyncToDisk), _options.MetadataVersion)
            : new SqliteBagWriter(path, _options.IsHumble ? SqliteSchemaVersion.Humble : SqliteSchemaVersion.Jazzy, _options.MessagesPerTransaction, _options.RosDistro);
    }

    private void CloseCurrent()
    {
        _finishedFiles.Add(new BagFileInfo(Path.GetFileName(_current.FilePath), _fileCount == 0 ? 0 : _fileStart, _fileCount == 0 ? 0 : _fileEnd - _fileStart, _fileCount));
        _current.SetEmbeddedMetadata(MetadataYaml.Serialize(Metadata()), _options.MetadataVersion);
        _current.Dispose();
        _fileCount = 0;
        _fileStart = long.MaxValue;
        _fileEnd = long.MinValue;
    }

    private BagMetadata Metadata()
    {
        var total = _counts.Values.Sum();
        return new BagMetadata
        {
            Version = _options.MetadataVersion,
            StorageIdentifier = _options.StorageIdentifier,
            RelativeFilePaths = _finishedFiles.Select(f => f.Path).ToList(),
            Duration = total == 0 ? 0 : _end - _start,
            StartingTime = total == 0 ? 0 : _start,
            MessageCount = total,
            Topics = _topics.Select(t => new TopicWithCount(t, _counts[t.Name])).ToList(),
            Files = _finishedFiles.ToList(),
            RosDistro = _options.RosDistro,
        };
    }
}
