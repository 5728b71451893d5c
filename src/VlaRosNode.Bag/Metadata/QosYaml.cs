using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Bag.Metadata;

/// <summary>rosbag2's offered_qos_profiles YAML: a list of profiles whose enums are integers (metadata before
/// version 9, Humble) or lower-case names (version 9, Jazzy). Reading accepts both; writing picks by version.</summary>
public static class QosYaml
{
    private static readonly string[] HistoryNames = ["system_default", "keep_last", "keep_all", "unknown"];
    private static readonly string[] ReliabilityNames = ["system_default", "reliable", "best_effort", "unknown", "best_available"];
    private static readonly string[] DurabilityNames = ["system_default", "transient_local", "volatile", "unknown", "best_available"];
    private static readonly string[] LivelinessNames = ["system_default", "automatic", "manual_by_node", "manual_by_topic", "unknown", "best_available"];

    /// <summary>Parses a YAML document holding the profile list (an empty string is an empty list).</summary>
    public static IReadOnlyList<QosProfile> Parse(string yaml, string file, string location)
    {
        if (string.IsNullOrWhiteSpace(yaml))
            return [];
        var root = YamlFields.LoadRoot(yaml, file, location);
        if (root is null)
            return [];
        // The text holds the list itself: a scalar here is not a further level of embedding (parsing it again
        // would recurse without end on a string that parses to itself).
        if (root is not YamlSequenceNode sequence)
            throw new BagFormatException(file, location, "offered_qos_profiles text is not a YAML list");
        return FromSequence(sequence, file, location);
    }

    /// <summary>Reads a profile list from a YAML node: a sequence, or a scalar holding YAML text (pre-v9 metadata.yaml).</summary>
    public static IReadOnlyList<QosProfile> FromNode(YamlNode node, string file, string location) => node switch
    {
        YamlScalarNode scalar => scalar.Value is null ? [] : Parse(scalar.Value, file, location),
        YamlSequenceNode sequence => FromSequence(sequence, file, location),
        _ => throw new BagFormatException(file, location, "offered_qos_profiles is neither a list nor a YAML string"),
    };

    private static IReadOnlyList<QosProfile> FromSequence(YamlSequenceNode sequence, string file, string location)
    {
        var reader = new YamlFields(file, location);
        return sequence.Children.Select(child =>
        {
            var map = reader.Map(child, "profile");
            return new QosProfile(
                reader.Enum<QosHistory>(map, "history", HistoryNames),
                (int)reader.Integer(map, "depth", 0),
                reader.Enum<QosReliability>(map, "reliability", ReliabilityNames),
                reader.Enum<QosDurability>(map, "durability", DurabilityNames),
                Duration(reader, map, "deadline"),
                Duration(reader, map, "lifespan"),
                reader.Enum<QosLiveliness>(map, "liveliness", LivelinessNames),
                Duration(reader, map, "liveliness_lease_duration"),
                reader.Boolean(map, "avoid_ros_namespace_conventions", false));
        }).ToList();
    }

    /// <summary>Writes the profile list as YAML; <paramref name="enumNames"/> = version 9 style.</summary>
    public static string Serialize(IReadOnlyList<QosProfile> profiles, bool enumNames, int indent = 0)
    {
        if (profiles.Count == 0)
            return "";
        var pad = new string(' ', indent);
        var text = new StringBuilder();
        foreach (var p in profiles)
        {
            text.Append(pad).Append("- history: ").AppendLine(Enum(p.History, HistoryNames, enumNames));
            Line(text, pad, "depth", p.Depth.ToString(CultureInfo.InvariantCulture));
            Line(text, pad, "reliability", Enum(p.Reliability, ReliabilityNames, enumNames));
            Line(text, pad, "durability", Enum(p.Durability, DurabilityNames, enumNames));
            DurationLines(text, pad, "deadline", p.Deadline);
            DurationLines(text, pad, "lifespan", p.Lifespan);
            Line(text, pad, "liveliness", Enum(p.Liveliness, LivelinessNames, enumNames));
            DurationLines(text, pad, "liveliness_lease_duration", p.LivelinessLeaseDuration);
            Line(text, pad, "avoid_ros_namespace_conventions", p.AvoidRosNamespaceConventions ? "true" : "false");
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, string pad, string key, string value) => text.Append(pad).Append("  ").Append(key).Append(": ").AppendLine(value);

    private static void DurationLines(StringBuilder text, string pad, string key, RosDuration d)
    {
        text.Append(pad).Append("  ").Append(key).AppendLine(":");
        text.Append(pad).Append("    sec: ").AppendLine(d.Sec.ToString(CultureInfo.InvariantCulture));
        text.Append(pad).Append("    nsec: ").AppendLine(d.Nsec.ToString(CultureInfo.InvariantCulture));
    }

    private static string Enum<T>(T value, string[] names, bool useNames) where T : struct, System.Enum
    {
        var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
        return useNames ? names[number] : number.ToString(CultureInfo.InvariantCulture);
    }

    private static RosDuration Duration(YamlFields reader, YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
            return RosDuration.Infinite;
        var inner = reader.Map(node, key);
        return new RosDuration(reader.Integer(inner, "sec", 0), reader.Integer(inner, "nsec", 0));
    }
}
