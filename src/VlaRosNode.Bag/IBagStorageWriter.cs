namespace VlaRosNode.Bag;

/// <summary>Writes one storage file of a bag. Messages are durable once written (sqlite3: committed; MCAP: at
/// chunk boundaries). Dispose finishes the file.</summary>
public interface IBagStorageWriter : IDisposable
{
    string FilePath { get; }

    /// <summary>Size on disk so far (what file splitting looks at).</summary>
    long BytesWritten { get; }

    void CreateTopic(TopicMetadata topic);

    /// <param name="logTime">Receive time, ns since the epoch.</param>
    /// <param name="publishTime">Send time, ns (MCAP keeps it; sqlite3 has no column for it).</param>
    void Write(string topic, long logTime, long publishTime, ReadOnlySpan<byte> data);

    /// <summary>Stores the bag's metadata YAML inside the file (rosbag2 does so on close); call before Dispose.</summary>
    void SetEmbeddedMetadata(string yaml, int version);
}
