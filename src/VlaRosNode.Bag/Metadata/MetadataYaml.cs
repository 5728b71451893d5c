using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Bag.Metadata;

/// <summary>Reads and writes rosbag2's metadata.yaml, versions 4 to 9. QoS profiles are a YAML string with integer
/// enums before version 9 and a YAML list with enum names from version 9; both are read whatever the version says.</summary>
public static class MetadataYaml
{
    public const int OldestVersion = 4;
    private const string Root = "rosbag2_bagfile_information";

    public static BagMetadata Read(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static BagMetadata Parse(string yaml, string file)
    {
        if (YamlFields.LoadRoot(yaml, file, "document") is not YamlMappingNode top)
            throw new BagFormatException(file, "document", "empty or not a mapping");
        var fields = new YamlFields(file, "");
        var info = fields.Map(fields.Required(top, Root), Root);
        var f = fields.Child(Root);
        var version = (int)f.Integer(info, "version");
        if (version < OldestVersion || version > BagMetadata.LatestVersion)
            throw f.Error("version", $"is {version}; supported versions are {OldestVersion} to {BagMetadata.LatestVersion}");

        var topics = f.Sequence(info, "topics_with_message_count").Children.Select((node, i) =>
        {
            var tf = f.Child($"topics_with_message_count[{i}]");
            var entry = tf.Map(node, "entry");
            var meta = tf.Map(tf.Required(entry, "topic_metadata"), "topic_metadata");
            var mf = tf.Child("topic_metadata");
            var qosNode = mf.Optional(meta, "offered_qos_profiles");
            var qos = qosNode is null ? [] : QosYaml.FromNode(qosNode, file, $"{Root}.topics_with_message_count[{i}].topic_metadata.offered_qos_profiles");
            var topic = new TopicMetadata(mf.String(meta, "name"), mf.String(meta, "type"), mf.String(meta, "serialization_format", "cdr"),
                qos, mf.String(meta, "type_description_hash", ""));
            return new TopicWithCount(topic, tf.Integer(entry, "message_count", 0));
        }).ToList();

        var files = f.Sequence(info, "files").Children.Select((node, i) =>
        {
            var ff = f.Child($"files[{i}]");
            var entry = ff.Map(node, "entry");
            return new BagFileInfo(ff.String(entry, "path"), Nanoseconds(ff, entry, "starting_time", "nanoseconds_since_epoch"),
                Nanoseconds(ff, entry, "duration", "nanoseconds"), ff.Integer(entry, "message_count", 0));
        }).ToList();

        return new BagMetadata
        {
            Version = version,
            StorageIdentifier = f.String(info, "storage_identifier"),
            RelativeFilePaths = f.Sequence(info, "relative_file_paths").Children.Select((n, i) => Scalar(f, n, $"relative_file_paths[{i}]")).ToList(),
            Duration = Nanoseconds(f, info, "duration", "nanoseconds"),
            StartingTime = Nanoseconds(f, info, "starting_time", "nanoseconds_since_epoch"),
            MessageCount = f.Integer(info, "message_count", 0),
            Topics = topics,
            CompressionFormat = f.String(info, "compression_format", ""),
            CompressionMode = f.String(info, "compression_mode", ""),
            Files = files,
            CustomData = CustomData(f, info),
            RosDistro = f.String(info, "ros_distro", ""),
        };
    }

    public static void Write(string path, BagMetadata metadata) => File.WriteAllText(path, Serialize(metadata));

    /// <summary>metadata.yaml text in the layout of <paramref name="metadata"/>'s version.</summary>
    public static string Serialize(BagMetadata metadata)
    {
        var v = metadata.Version;
        var info = new YamlMappingNode
        {
            { "version", Number(v) },
            { "storage_identifier", metadata.StorageIdentifier },
            { "duration", new YamlMappingNode { { "nanoseconds", Number(metadata.Duration) } } },
            { "starting_time", new YamlMappingNode { { "nanoseconds_since_epoch", Number(metadata.StartingTime) } } },
            { "message_count", Number(metadata.MessageCount) },
            { "topics_with_message_count", new YamlSequenceNode(metadata.Topics.Select(t => (YamlNode)TopicNode(t, v))) },
            { "compression_format", Quoted(metadata.CompressionFormat) },
            { "compression_mode", Quoted(metadata.CompressionMode) },
            { "relative_file_paths", new YamlSequenceNode(metadata.RelativeFilePaths.Select(p => (YamlNode)new YamlScalarNode(p))) },
        };
        if (v >= 5)
            info.Add("files", new YamlSequenceNode(metadata.Files.Select(file => (YamlNode)new YamlMappingNode
            {
                { "path", file.Path },
                { "starting_time", new YamlMappingNode { { "nanoseconds_since_epoch", Number(file.StartingTime) } } },
                { "duration", new YamlMappingNode { { "nanoseconds", Number(file.Duration) } } },
                { "message_count", Number(file.MessageCount) },
            })));
        if (v >= 6)
            info.Add("custom_data", new YamlMappingNode(metadata.CustomData.Select(kv => new KeyValuePair<YamlNode, YamlNode>(kv.Key, Quoted(kv.Value)))));
        if (v >= 8)
            info.Add("ros_distro", metadata.RosDistro);
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(new YamlMappingNode { { Root, info } })).Save(writer, assignAnchors: false);
        // YamlDotNet ends the document with "...": rosbag2 does not, and some readers dislike it.
        return writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    private static YamlMappingNode TopicNode(TopicWithCount t, int version)
    {
        var meta = new YamlMappingNode
        {
            { "name", t.Topic.Name },
            { "type", t.Topic.Type },
            { "serialization_format", t.Topic.SerializationFormat },
        };
        if (version >= 9)
            meta.Add("offered_qos_profiles", YamlFields.LoadRoot(QosYaml.Serialize(t.Topic.OfferedQosProfiles, enumNames: true), "", "") ?? new YamlSequenceNode());
        else
            meta.Add("offered_qos_profiles", Quoted(QosYaml.Serialize(t.Topic.OfferedQosProfiles, enumNames: false)));
        if (version >= 7)
            meta.Add("type_description_hash", Quoted(t.Topic.TypeDescriptionHash));
        return new YamlMappingNode { { "topic_metadata", meta }, { "message_count", Number(t.MessageCount) } };
    }

    private static long Nanoseconds(YamlFields f, YamlMappingNode map, string key, string inner)
    {
        if (f.Optional(map, key) is not { } node)
            return 0;
        return f.Child(key).Integer(f.Map(node, key), inner);
    }

    private static Dictionary<string, string> CustomData(YamlFields f, YamlMappingNode info)
    {
        if (f.Optional(info, "custom_data") is not YamlMappingNode map)
            return [];
        return map.Children.ToDictionary(kv => kv.Key is YamlScalarNode k ? k.Value ?? "" : throw f.Error("custom_data", "has a non-scalar key"),
            kv => kv.Value is YamlScalarNode s ? s.Value ?? "" : throw f.Error("custom_data", "has a non-scalar value"));
    }

    private static string Scalar(YamlFields f, YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } value } ? value : throw f.Error(key, "is not a string");

    private static YamlScalarNode Number(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    private static YamlScalarNode Quoted(string value) => new(value) { Style = ScalarStyle.DoubleQuoted };
}
