namespace VlaRosNode.Bag.Mcap;

/// <summary>Magic bytes, opcodes and fixed sizes of the MCAP format (https://mcap.dev/spec).</summary>
internal static class McapConstants
{
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'M', (byte)'C', (byte)'A', (byte)'P', (byte)'0', (byte)'\r', (byte)'\n'];

    public const int MagicLength = 8;

    /// <summary>opcode (1) + record length (8).</summary>
    public const int RecordPrefixLength = 9;

    /// <summary>Footer body: summary_start (8) + summary_offset_start (8) + summary_crc (4).</summary>
    public const int FooterBodyLength = 20;

    public const int FooterRecordLength = RecordPrefixLength + FooterBodyLength;

    public const string Ros2Profile = "ros2";
    public const string Ros2MsgEncoding = "ros2msg";
    public const string CdrEncoding = "cdr";

    /// <summary>Name and key under which rosbag2 stores its metadata YAML in an MCAP metadata record.</summary>
    public const string Rosbag2MetadataName = "rosbag2";
    public const string Rosbag2MetadataKey = "serialized_metadata";
    public const string QosMetadataKey = "offered_qos_profiles";
    public const string TypeHashMetadataKey = "topic_type_hash";
}

internal enum McapOpcode : byte
{
    Header = 0x01,
    Footer = 0x02,
    Schema = 0x03,
    Channel = 0x04,
    Message = 0x05,
    Chunk = 0x06,
    MessageIndex = 0x07,
    ChunkIndex = 0x08,
    Attachment = 0x09,
    AttachmentIndex = 0x0A,
    Statistics = 0x0B,
    Metadata = 0x0C,
    MetadataIndex = 0x0D,
    SummaryOffset = 0x0E,
    DataEnd = 0x0F,
}
