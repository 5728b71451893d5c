using VlaRosNode.Bag.Metadata;

namespace VlaRosNode.Bag;

/// <summary>Opens a bag: a rosbag2 folder (metadata.yaml plus one or more storage files, read as one) or a single
/// .mcap or .db3 file. Messages come in log-time order across all files.</summary>
public sealed class BagReader : IDisposable
{
    private readonly List<IBagStorageReader> _files = [];

    private BagReader(string path, BagReadOptions options)
    {
        Path = path;
        try
        {
            if (Directory.Exists(path))
            {
                var metadataPath = System.IO.Path.Combine(path, "metadata.yaml");
                Metadata = File.Exists(metadataPath) ? MetadataYaml.Read(metadataPath) : null;
                var files = Metadata?.RelativeFilePaths.Select(f => System.IO.Path.Combine(path, f)).ToList()
                            ?? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".mcap") || f.EndsWith(".db3")).Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0)
                    throw new BagFormatException(System.IO.Path.GetFileName(path), "folder", "no metadata.yaml and no .mcap or .db3 file");
                foreach (var file in files)
                    _files.Add(StorageFormats.Open(file, options));
            }
            else
                _files.Add(StorageFormats.Open(path, options));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public static BagReader Open(string path, BagReadOptions? options = null) => new(path, options ?? BagReadOptions.Default);

    public string Path { get; }

    /// <summary>metadata.yaml, when the bag is a folder that has one.</summary>
    public BagMetadata? Metadata { get; }

    public IReadOnlyList<IBagStorageReader> Files => _files;

    public string StorageIdentifier => _files[0].StorageIdentifier;

    /// <summary>Every topic once (the first file that has it wins).</summary>
    public IReadOnlyList<TopicMetadata> Topics => _files.SelectMany(f => f.Topics).DistinctBy(t => t.Name).ToList();

    public IReadOnlyList<BagIssue> Issues => _files.SelectMany(f => f.Issues).ToList();

    public IEnumerable<BagMessage> ReadMessages(MessageFilter? filter = null)
    {
        filter ??= MessageFilter.All;
        if (_files.Count == 1)
            return _files[0].ReadMessages(filter);
        var sources = _files.Select(f => new MergeSource<BagMessage>(f.Summary.StartTime, () => f.ReadMessages(filter))).ToList();
        return TimeOrderedMerge.Merge(sources, m => m.LogTime);
    }

    /// <summary>What <c>vla bag info</c> prints.</summary>
    public BagInfo Info() => BagInfo.Of(this);

    public void Dispose()
    {
        foreach (var file in _files)
            file.Dispose();
    }
}
