using VlaRosNode.Bag.Mcap;

namespace VlaRosNode.Bag.Tests;

public class ConvertAndInfoTests
{
    [Test]
    public void ConvertMcapToSqliteAndBackKeepsMessagesAndTopics()
    {
        var dir = TestSupport.TempDir();
        var source = Path.Combine(dir, "in.mcap");
        var messages = SampleBags.Messages(150);
        SampleBags.WriteMcap(source, messages, new McapWriterOptions(BagCompression.Zstd, 4096));

        var (toSqlite, _) = BagConverter.Convert(source, Path.Combine(dir, "sq"), new BagWriterOptions("sqlite3", RosDistro: "humble", MessagesPerTransaction: 1000));
        var (toMcap, _) = BagConverter.Convert(Path.Combine(dir, "sq"), Path.Combine(dir, "back"), new BagWriterOptions("mcap", BagCompression.Lz4));
        Assert.That((toSqlite, toMcap), Is.EqualTo((150L, 150L)));

        using var bag = BagReader.Open(Path.Combine(dir, "back"));
        var expected = SampleBags.InReadOrder(messages).Select(m => m with { PublishTime = m.LogTime }).ToList();
        SampleBags.AssertSameMessages(bag.ReadMessages(), expected);
        Assert.That(bag.Topics.Select(t => (t.Name, t.Type, t.OfferedQosProfiles.Single())),
            Is.EquivalentTo(new[] { SampleBags.Chatter, SampleBags.Joints }.Select(t => (t.Name, t.Type, t.OfferedQosProfiles.Single()))));
        Assert.That(bag.Info().Compression, Is.EqualTo("lz4"));
    }

    [Test]
    public void InfoTextListsTopicsCountsAndStatus()
    {
        var dir = TestSupport.TempDir();
        var path = Path.Combine(dir, "a.mcap");
        SampleBags.WriteMcap(path, SampleBags.Messages(40), new McapWriterOptions(BagCompression.Zstd));
        using (var bag = BagReader.Open(path))
        {
            var text = BagInfoFormatter.Format(bag.Info());
            Assert.That(text, Does.Contain("Storage id:        mcap"));
            Assert.That(text, Does.Contain("Compression:       zstd"));
            Assert.That(text, Does.Contain("Messages:          40"));
            Assert.That(text, Does.Contain("Topic: /joint_states | Type: sensor_msgs/msg/JointState | Count: 20 | Serialization Format: cdr"));
            Assert.That(text, Does.Contain("Status:            complete"));
            Assert.That(text, Does.Contain("(1700000000.000000000)"));
        }

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        using var cut = BagReader.Open(path);
        Assert.That(BagInfoFormatter.Format(cut.Info()), Does.Contain("Status:            incomplete"));
    }
}
