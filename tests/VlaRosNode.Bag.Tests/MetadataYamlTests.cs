using VlaRosNode.Bag.Metadata;

namespace VlaRosNode.Bag.Tests;

public class MetadataYamlTests
{
    private const string HumbleQosString =
        "\"- history: 3\\n  depth: 0\\n  reliability: 1\\n  durability: 2\\n  deadline:\\n    sec: 2147483647\\n    nsec: 4294967295\\n" +
        "  lifespan:\\n    sec: 2147483647\\n    nsec: 4294967295\\n  liveliness: 1\\n  liveliness_lease_duration:\\n    sec: 2147483647\\n" +
        "    nsec: 4294967295\\n  avoid_ros_namespace_conventions: false\"";

    // As ros2 bag record writes it in Humble (version 5, QoS as a YAML string with integer enums).
    internal static readonly string HumbleV5 = $"""
        rosbag2_bagfile_information:
          version: 5
          storage_identifier: sqlite3
          duration:
            nanoseconds: 4950010433
          starting_time:
            nanoseconds_since_epoch: 1662037423538386183
          message_count: 50
          topics_with_message_count:
            - topic_metadata:
                name: /chatter
                type: std_msgs/msg/String
                serialization_format: cdr
                offered_qos_profiles: {HumbleQosString}
              message_count: 50
          compression_format: ""
          compression_mode: ""
          relative_file_paths:
            - rosbag2_2022_09_01-13_03_43_0.db3
          files:
            - path: rosbag2_2022_09_01-13_03_43_0.db3
              starting_time:
                nanoseconds_since_epoch: 1662037423538386183
              duration:
                nanoseconds: 4950010433
              message_count: 50
        """;

    // As Jazzy writes it (version 9, QoS as a YAML list with enum names).
    internal const string JazzyV9 = """
        rosbag2_bagfile_information:
          version: 9
          storage_identifier: mcap
          duration:
            nanoseconds: 2000000000
          starting_time:
            nanoseconds_since_epoch: 1730000000000000000
          message_count: 20
          topics_with_message_count:
            - topic_metadata:
                name: /joint_states
                type: sensor_msgs/msg/JointState
                serialization_format: cdr
                offered_qos_profiles:
                  - history: keep_last
                    depth: 5
                    reliability: best_effort
                    durability: volatile
                    deadline:
                      sec: 9223372036
                      nsec: 854775807
                    lifespan:
                      sec: 9223372036
                      nsec: 854775807
                    liveliness: automatic
                    liveliness_lease_duration:
                      sec: 9223372036
                      nsec: 854775807
                    avoid_ros_namespace_conventions: false
                type_description_hash: RIHS01_a1b2
              message_count: 20
          compression_format: ""
          compression_mode: ""
          relative_file_paths:
            - run_0.mcap
          files:
            - path: run_0.mcap
              starting_time:
                nanoseconds_since_epoch: 1730000000000000000
              duration:
                nanoseconds: 2000000000
              message_count: 20
          custom_data: ~
          ros_distro: jazzy
        """;

    [Test]
    public void ReadsHumbleVersion5WithQosString()
    {
        var m = MetadataYaml.Parse(HumbleV5, "metadata.yaml");
        Assert.That((m.Version, m.StorageIdentifier, m.MessageCount, m.Duration, m.StartingTime), Is.EqualTo((5, "sqlite3", 50L, 4950010433L, 1662037423538386183L)));
        var qos = m.Topics.Single().Topic.OfferedQosProfiles.Single();
        Assert.That((qos.History, qos.Reliability, qos.Durability, qos.Liveliness), Is.EqualTo((QosHistory.Unknown, QosReliability.Reliable, QosDurability.Volatile, QosLiveliness.Automatic)));
        Assert.That(qos.Lifespan, Is.EqualTo(new RosDuration(2147483647, 4294967295)));
        Assert.That(m.Files.Single(), Is.EqualTo(new BagFileInfo("rosbag2_2022_09_01-13_03_43_0.db3", 1662037423538386183, 4950010433, 50)));
    }

    [Test]
    public void ReadsJazzyVersion9WithQosList()
    {
        var m = MetadataYaml.Parse(JazzyV9, "metadata.yaml");
        Assert.That((m.Version, m.StorageIdentifier, m.RosDistro), Is.EqualTo((9, "mcap", "jazzy")));
        var topic = m.Topics.Single().Topic;
        Assert.That(topic.TypeDescriptionHash, Is.EqualTo("RIHS01_a1b2"));
        Assert.That(topic.OfferedQosProfiles.Single(), Is.EqualTo(QosProfile.SensorData));
        Assert.That(m.CustomData, Is.Empty);
    }

    [Test]
    public void ReadsVersion4WithoutFilesList()
    {
        var v4 = HumbleV5.Replace("version: 5", "version: 4")[..HumbleV5.IndexOf("  files:", StringComparison.Ordinal)];
        var m = MetadataYaml.Parse(v4, "metadata.yaml");
        Assert.That(m.Version, Is.EqualTo(4));
        Assert.That(m.Files, Is.Empty);
        Assert.That(m.RelativeFilePaths, Has.Count.EqualTo(1));
    }

    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(8)]
    [TestCase(9)]
    public void WriteThenReadKeepsWhatTheVersionHolds(int version)
    {
        var topic = SampleBags.Joints with { Definition = null };
        var original = new BagMetadata
        {
            Version = version,
            StorageIdentifier = "mcap",
            RelativeFilePaths = ["a_0.mcap", "a_1.mcap"],
            Duration = 123,
            StartingTime = 1_700_000_000_000_000_000,
            MessageCount = 7,
            Topics = [new TopicWithCount(topic, 7)],
            Files = [new BagFileInfo("a_0.mcap", 1_700_000_000_000_000_000, 100, 5), new BagFileInfo("a_1.mcap", 1_700_000_000_000_000_100, 23, 2)],
            CustomData = new Dictionary<string, string> { ["robot"] = "panda" },
            RosDistro = "jazzy",
        };
        var text = MetadataYaml.Serialize(original);
        var read = MetadataYaml.Parse(text, "metadata.yaml");
        Assert.That(read.Topics.Single().Topic.OfferedQosProfiles, Is.EqualTo(topic.OfferedQosProfiles));
        Assert.That(read.Topics.Single().Topic.TypeDescriptionHash, Is.EqualTo(version >= 7 ? "RIHS01_abc" : ""));
        Assert.That(read.Files, Is.EqualTo(version >= 5 ? original.Files : []));
        Assert.That(read.CustomData, Is.EqualTo(version >= 6 ? original.CustomData : new Dictionary<string, string>()));
        Assert.That(read.RosDistro, Is.EqualTo(version >= 8 ? "jazzy" : ""));
        Assert.That((read.Version, read.Duration, read.StartingTime, read.MessageCount, read.RelativeFilePaths), Is.EqualTo((version, 123L, original.StartingTime, 7L, original.RelativeFilePaths)));
        Assert.That(text, version >= 9 ? Does.Contain("reliability: best_effort") : Does.Contain("reliability: 2"));
    }

    [TestCase("abc")]
    [TestCase("'abc'")]
    [TestCase("\"'- a'\"")]
    public void QosTextThatIsNotAListIsRejectedNotParsedAgain(string text)
    {
        // Such a string parses to a scalar; reading that as embedded YAML again recursed until the stack overflowed.
        var e = Assert.Throws<BagFormatException>(() => QosYaml.Parse(text, "topics", "offered_qos_profiles"));
        Assert.That(e!.Message, Does.Contain("not a YAML list"));
    }

    [TestCase("version: 5", "version: 3", "rosbag2_bagfile_information.version")]
    [TestCase("storage_identifier: sqlite3", "storage: sqlite3", "rosbag2_bagfile_information.storage_identifier")]
    [TestCase("message_count: 50\n  topics", "message_count: many\n  topics", "rosbag2_bagfile_information.message_count")]
    [TestCase("reliability: 1", "reliability: 9", "offered_qos_profiles.reliability")]
    public void BadFieldsNameTheKey(string from, string to, string location)
    {
        var broken = HumbleV5.Replace(from, to);
        Assert.That(broken, Is.Not.EqualTo(HumbleV5));
        var e = Assert.Throws<BagFormatException>(() => MetadataYaml.Parse(broken, "metadata.yaml"));
        Assert.That(e!.Location, Does.EndWith(location));
        Assert.That(e.File, Is.EqualTo("metadata.yaml"));
    }

    [TestCaseSource(typeof(HostileYaml), nameof(HostileYaml.Texts))]
    public void HostileYamlRaisesBagFormatException(string text)
    {
        var error = Assert.Throws<BagFormatException>(() => MetadataYaml.Parse(text, "metadata.yaml"));
        Assert.That(error!.Message, Does.Contain("metadata.yaml").And.Contain("not valid YAML"));
    }
}
