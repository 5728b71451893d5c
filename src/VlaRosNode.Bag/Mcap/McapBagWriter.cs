using System.Text;
using VlaRosNode.Bag.Metadata;


namespace VlaRosNode.Bag.Mcap;

/// <summary>Writes a rosbag2 MCAP file: profile <c>ros2</c>, one <c>ros2msg</c> schema per type, one <c>cdr</c>
/// channel per topic carrying offered_qos_profiles (and topic_type_hash), and on close the <c>rosbag2</c>
/// metadata record.</summary>
public sealed class McapBagWriter : IBagStorageWriter
{
    private readonly McapWriter _writer;
    private readonly bool _qosEnumNames;
    private readonly Dictionary<string, ushort> _schemaIds = [];
    private readonly Dictionary<string, (ushort Channel, uint Sequence)> _channels = [];

    /// <param name="metadataVersion">rosbag2 metadata version the QoS YAML follows (9 writes enum names).</param>
    public McapBagWriter(string path, McapWriterOptions? options = null, int metadataVersion = BagMetadata.LatestVersion)
    {
        FilePath = path;
        _qosEnumNames = metadataVersion >= 9;
        _writer = McapWriter.Create(path, options);
    }

    public string FilePath { get; }

    public long BytesWritten => _writer.BytesWritten;

    public void CreateTopic(TopicMetadata topic)
    {
        if (_channels.ContainsKey(topic.Name))
            return;
        var definition = topic.Definition ?? TopicMetadata.DefinitionOf(topic.Type);
        var schemaKey = $"{topic.Type}\n{definition?.Encoding}\n{definition?.Text}";
        if (!_schemaIds.TryGetValue(schemaKey, out var schemaId))
        {
            schemaId = _writer.AddSchema(topic.Type, definition?.Encoding ?? McapConstants.Ros2MsgEncoding, Encoding.UTF8.GetBytes(definition?.Text ?? ""));
            _schemaIds[schemaKey] = schemaId;
        }
        var metadata = new Dictionary<string, string> { [McapConstants.QosMetadataKey] = QosYaml.Serialize(topic.OfferedQosProfiles, _qosEnumNames) };
        if (topic.TypeDescriptionHash.Length > 0)
            metadata[McapConstants.TypeHashMetadataKey] = topic.TypeDescriptionHash;
        _channels[topic.Name] = (_writer.AddChannel(schemaId, topic.Name, topic.SerializationFormat, metadata), 0);
    }

    public void Write(string topic, long logTime, long publishTime, ReadOnlySpan<byte> data)
    {
        if (!_channels.TryGetValue(topic, out var channel))
            throw new InvalidOperationException($"topic '{topic}' was not created before writing to it");
        _writer.AddMessage(channel.Channel, channel.Sequence, (ulong)logTime, (ulong)publishTime, data);
        _channels[topic] = (channel.Channel, channel.Sequence + 1);
    }

    public void SetEmbeddedMetadata(string yaml, int version) =>
        _writer.AddMetadata(McapConstants.Rosbag2MetadataName, new Dictionary<string, string> { [McapConstants.Rosbag2MetadataKey] = yaml });

    public void Dispose() => _writer.Dispose();
}
