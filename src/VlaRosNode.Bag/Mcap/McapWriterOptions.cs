namespace VlaRosNode.Bag.Mcap;

/// <param name="Compression">Chunk compression.</param>
/// <param name="ChunkSize">Uncompressed bytes after which a chunk is closed and written (rosbag2's default: 768 KiB).</param>
/// <param name="ZstdLevel">zstd level; 1 is fast and what recording needs.</param>
/// <param name="SyncToDisk">fsync after every chunk, so a power cut loses at most the open chunk.</param>
/// <param name="Profile">MCAP header profile (<c>ros2</c> for rosbag2 files).</param>
public sealed record McapWriterOptions(
    BagCompression Compression = BagCompression.None,
    int ChunkSize = 768 * 1024,
    int ZstdLevel = 1,
    bool SyncToDisk = true,
    string Profile = McapConstants.Ros2Profile)
{
    public static McapWriterOptions Default { get; } = new();

    public const string Library = "vla_ros_node VlaRosNode.Bag";
}
