using System.Text.Json;
using VlaRosNode.Bag.Mcap;

namespace VlaRosNode.Bag.Tests;

/// <summary>Both directions against @mcap/core, the reference TypeScript implementation (tests/bag-crosscheck).</summary>
public class McapCrossCheckTests
{
    [TestCase("none", "summary")]
    [TestCase("zstd", "summary")]
    [TestCase("lz4", "summary")]
    [TestCase("zstd", "nosummary")]
    [TestCase("lz4", "nosummary")]
    public void FilesWrittenByMcapCoreReadCorrectly(string compression, string summary)
    {
        var path = Path.Combine(TestSupport.TempDir(), "ts.mcap");
        var written = JsonDocument.Parse(TestSupport.Node("write.js", path, compression, "4096", summary, "240"));
        var expected = SampleBags.InReadOrder(written.RootElement.GetProperty("messages").EnumerateArray().Select(m => new ExpectedMessage(
            m.GetProperty("topic").GetString()!, long.Parse(m.GetProperty("logTime").GetString()!), long.Parse(m.GetProperty("publishTime").GetString()!),
            Convert.FromBase64String(m.GetProperty("data").GetString()!))));

        using var reader = McapBagReader.Open(path);
        Assert.That(reader.HasSummary, Is.EqualTo(summary == "summary"));
        Assert.That(reader.ChunkCount, Is.GreaterThanOrEqualTo(10), "@mcap/core should have written several chunks");
        SampleBags.AssertSameMessages(reader.ReadMessages(MessageFilter.All), expected);
        Assert.That(reader.Summary.MessageCount, Is.EqualTo(240));
        Assert.That(reader.Topics.Select(t => (t.Name, t.Type)), Is.EquivalentTo(new[] { ("/chatter", "std_msgs/msg/String"), ("/joint_states", "sensor_msgs/msg/JointState") }));
        Assert.That(reader.Topics.Single(t => t.Name == "/chatter").OfferedQosProfiles.Single().Reliability, Is.EqualTo(QosReliability.Reliable));
        Assert.That(reader.EmbeddedMetadataYaml, Does.StartWith("rosbag2_bagfile_information"));
        Assert.That(reader.Issues, Is.Empty);
    }

    [TestCase(BagCompression.None)]
    [TestCase(BagCompression.Zstd)]
    [TestCase(BagCompression.Lz4)]
    public void FilesWeWriteAreReadAndValidatedByMcapCore(BagCompression compression)
    {
        var path = Path.Combine(TestSupport.TempDir(), "ours.mcap");
        var messages = SampleBags.Messages(260);
        SampleBags.WriteMcap(path, messages, new McapWriterOptions(compression, ChunkSize: 4096),
            w => w.SetEmbeddedMetadata("rosbag2_bagfile_information:\n  version: 9\n", 9));

        var read = JsonDocument.Parse(TestSupport.Node("read.js", path)).RootElement;
        Assert.That(read.GetProperty("profile").GetString(), Is.EqualTo("ros2"));
        Assert.That(read.GetProperty("dataSectionCrcChecked").GetBoolean(), Is.True);
        Assert.That(read.GetProperty("streamedMessageCount").GetInt32(), Is.EqualTo(260));
        var chunks = read.GetProperty("chunkIndexes").EnumerateArray().ToList();
        Assert.That(chunks, Has.Count.GreaterThan(10));
        Assert.That(chunks.Select(c => c.GetProperty("compression").GetString()), Has.All.EqualTo(compression.ToMcapName()));
        Assert.That(chunks.Select(c => c.GetProperty("messageIndexChannels").GetArrayLength()), Has.All.EqualTo(2));
        Assert.That(read.GetProperty("statistics").GetProperty("messageCount").GetString(), Is.EqualTo("260"));
        var schemas = read.GetProperty("schemas").EnumerateArray().ToList();
        Assert.That(schemas.Select(s => (s.GetProperty("name").GetString(), s.GetProperty("encoding").GetString(), s.GetProperty("data").GetString())),
            Is.EquivalentTo(new[] { ("std_msgs/msg/String", "ros2msg", "string data"), (SampleBags.Joints.Type, "ros2msg", SampleBags.Joints.Definition!.Text) }));
        var channels = read.GetProperty("channels").EnumerateArray().ToList();
        Assert.That(channels.Select(c => c.GetProperty("messageEncoding").GetString()), Has.All.EqualTo("cdr"));
        Assert.That(channels.Single(c => c.GetProperty("topic").GetString() == "/joint_states").GetProperty("metadata").GetProperty("offered_qos_profiles").GetString(),
            Does.Contain("reliability: best_effort"));
        Assert.That(read.GetProperty("metadata")[0].GetProperty("name").GetString(), Is.EqualTo("rosbag2"));

        var got = read.GetProperty("messages").EnumerateArray().Select(m => new ExpectedMessage(m.GetProperty("topic").GetString()!,
            long.Parse(m.GetProperty("logTime").GetString()!), long.Parse(m.GetProperty("publishTime").GetString()!),
            Convert.FromBase64String(m.GetProperty("data").GetString()!))).ToList();
        Assert.That(got.Select(m => (m.Topic, m.LogTime, m.PublishTime, Convert.ToBase64String(m.Data))),
            Is.EquivalentTo(messages.Select(m => (m.Topic, m.LogTime, m.PublishTime, Convert.ToBase64String(m.Data)))));
        Assert.That(got.Select(m => m.LogTime), Is.Ordered, "@mcap/core returns messages in log-time order");
    }
}
