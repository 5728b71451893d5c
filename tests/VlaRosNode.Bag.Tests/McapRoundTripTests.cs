using VlaRosNode.Bag.Mcap;

namespace VlaRosNode.Bag.Tests;

public class McapRoundTripTests
{
    [TestCase(BagCompression.None)]
    [TestCase(BagCompression.Zstd)]
    [TestCase(BagCompression.Lz4)]
    public void WrittenMessagesReadBackInLogTimeOrderAcrossChunks(BagCompression compression)
    {
        var path = Path.Combine(TestSupport.TempDir(), "a.mcap");
        var messages = SampleBags.Messages(300);
        SampleBags.WriteMcap(path, messages, new McapWriterOptions(compression, ChunkSize: 8 * 1024));

        using var reader = McapBagReader.Open(path);
        Assert.That(reader.HasSummary, Is.True);
        Assert.That(reader.ChunkCount, Is.GreaterThan(5));
        Assert.That(reader.Profile, Is.EqualTo("ros2"));
        SampleBags.AssertSameMessages(reader.ReadMessages(MessageFilter.All), SampleBags.InReadOrder(messages));
        Assert.That(reader.Issues, Is.Empty);
    }

    [Test]
    public void TopicsKeepTypeQosHashAndDefinition()
    {
        var path = Path.Combine(TestSupport.TempDir(), "a.mcap");
        SampleBags.WriteMcap(path, SampleBags.Messages(10));
        using var reader = McapBagReader.Open(path);
        var joints = reader.Topics.Single(t => t.Name == "/joint_states");
        Assert.That(joints.Type, Is.EqualTo(SampleBags.Joints.Type));
        Assert.That(joints.TypeDescriptionHash, Is.EqualTo("RIHS01_abc"));
        Assert.That(joints.OfferedQosProfiles, Is.EqualTo(new[] { QosProfile.SensorData }));
        Assert.That(joints.Definition, Is.EqualTo(SampleBags.Joints.Definition));
    }

    [Test]
    public void SummaryCountsMatchMessages()
    {
        var path = Path.Combine(TestSupport.TempDir(), "a.mcap");
        var messages = SampleBags.Messages(101);
        SampleBags.WriteMcap(path, messages, new McapWriterOptions(ChunkSize: 4096));
        using var reader = McapBagReader.Open(path);
        var summary = reader.Summary;
        Assert.That(summary.MessageCount, Is.EqualTo(101));
        Assert.That(summary.MessageCounts["/chatter"], Is.EqualTo(51));
        Assert.That(summary.MessageCounts["/joint_states"], Is.EqualTo(50));
        Assert.That(summary.StartTime, Is.EqualTo(messages.Min(m => m.LogTime)));
        Assert.That(summary.EndTime, Is.EqualTo(messages.Max(m => m.LogTime)));
    }

    [Test]
    public void FilterByTopicAndTimeRange()
    {
        var path = Path.Combine(TestSupport.TempDir(), "a.mcap");
        var messages = SampleBags.Messages(400);
        SampleBags.WriteMcap(path, messages, new McapWriterOptions(BagCompression.Zstd, ChunkSize: 4096));
        var start = SampleBags.BaseTime + 100_000_000;
        var end = SampleBags.BaseTime + 250_000_000;
        using var reader = McapBagReader.Open(path);
        var filter = new MessageFilter(["/joint_states"], start, end);
        var expected = SampleBags.InReadOrder(messages.Where(m => m.Topic == "/joint_states" && m.LogTime >= start && m.LogTime <= end));
        Assert.That(expected, Has.Count.GreaterThan(50));
        SampleBags.AssertSameMessages(reader.ReadMessages(filter), expected);
    }

    [Test]
    public void OverlappingChunksMergeInTimeOrder()
    {
        // One topic counts up in time, the other down: every chunk spans most of the bag, so chunks overlap.
        var path = Path.Combine(TestSupport.TempDir(), "a.mcap");
        var messages = Enumerable.Range(0, 200)
            .Select(i => new ExpectedMessage(i % 2 == 0 ? "/chatter" : "/joint_states", SampleBags.BaseTime + (i % 2 == 0 ? i : 400 - i) * 1000L,
                SampleBags.BaseTime, TestSupport.Payload(i, 300)))
            .ToList();
        SampleBags.WriteMcap(path, messages, new McapWriterOptions(ChunkSize: 2048));
        using var reader = McapBagReader.Open(path);
        SampleBags.AssertSameMessages(reader.ReadMessages(MessageFilter.All), SampleBags.InReadOrder(messages));
    }

    [Test]
    public void EmbeddedRosbag2MetadataIsStored()
    {
        var path = Path.Combine(TestSupport.TempDir(), "a.mcap");
        SampleBags.WriteMcap(path, SampleBags.Messages(5), beforeClose: w => w.SetEmbeddedMetadata("rosbag2_bagfile_information:\n  version: 9\n", 9));
        using var reader = McapBagReader.Open(path);
        Assert.That(reader.EmbeddedMetadataYaml, Is.EqualTo("rosbag2_bagfile_information:\n  version: 9\n"));
    }
}
