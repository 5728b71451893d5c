using VlaRosNode.Bag.Metadata;

namespace VlaRosNode.Bag.Tests;

public class BagFacadeTests
{
    private static List<ExpectedMessage> WriteBag(string folder, BagWriterOptions options, int count = 200)
    {
        var messages = SampleBags.Messages(count);
        using var writer = BagWriter.Create(folder, options);
        writer.CreateTopic(SampleBags.Chatter);
        writer.CreateTopic(SampleBags.Joints);
        foreach (var m in messages)
            writer.Write(m.Topic, m.LogTime, m.Data, m.PublishTime);
        return messages;
    }

    [TestCase("mcap")]
    [TestCase("sqlite3")]
    public void SplitBagReadsAsOne(string storage)
    {
        var folder = Path.Combine(TestSupport.TempDir(), "split");
        var messages = WriteBag(folder, new BagWriterOptions(storage, MaxFileSizeBytes: 20_000, MessagesPerTransaction: 50, ChunkSize: 4096, SyncToDisk: false));
        using var bag = BagReader.Open(folder);
        Assert.That(bag.Files, Has.Count.GreaterThan(3));
        Assert.That(bag.Metadata!.RelativeFilePaths, Has.Count.EqualTo(bag.Files.Count));
        Assert.That(bag.Metadata.Files.Sum(f => f.MessageCount), Is.EqualTo(200));
        var expected = SampleBags.InReadOrder(messages);
        if (storage == "sqlite3")
            expected = expected.Select(m => m with { PublishTime = m.LogTime }).ToList();
        SampleBags.AssertSameMessages(bag.ReadMessages(), expected);
        var filtered = bag.ReadMessages(new MessageFilter(["/joint_states"], SampleBags.BaseTime + 50_000_000, SampleBags.BaseTime + 150_000_000)).ToList();
        Assert.That(filtered.Select(m => m.LogTime), Is.EqualTo(expected.Where(m => m.Topic == "/joint_states" && m.LogTime >= SampleBags.BaseTime + 50_000_000 && m.LogTime <= SampleBags.BaseTime + 150_000_000).Select(m => m.LogTime)));
    }

    [Test]
    public void MetadataYamlDescribesTheBag()
    {
        var folder = Path.Combine(TestSupport.TempDir(), "bag");
        var messages = WriteBag(folder, new BagWriterOptions("mcap", BagCompression.Zstd));
        var metadata = MetadataYaml.Read(Path.Combine(folder, "metadata.yaml"));
        Assert.That(metadata.Version, Is.EqualTo(9));
        Assert.That(metadata.StorageIdentifier, Is.EqualTo("mcap"));
        Assert.That(metadata.MessageCount, Is.EqualTo(200));
        Assert.That(metadata.StartingTime, Is.EqualTo(messages.Min(m => m.LogTime)));
        Assert.That(metadata.Duration, Is.EqualTo(messages.Max(m => m.LogTime) - messages.Min(m => m.LogTime)));
        Assert.That(metadata.RelativeFilePaths, Is.EqualTo(new[] { "bag_0.mcap" }));
        Assert.That(metadata.Topics.Select(t => (t.Topic.Name, t.MessageCount)), Is.EquivalentTo(new[] { ("/chatter", 100L), ("/joint_states", 100L) }));
        Assert.That(metadata.Topics.Single(t => t.Topic.Name == "/joint_states").Topic.OfferedQosProfiles, Is.EqualTo(new[] { QosProfile.SensorData }));
        Assert.That(metadata.RosDistro, Is.EqualTo("jazzy"));
    }

    [TestCase("a.mcap")]
    [TestCase("a.db3")]
    public void SingleFileOpensWithoutMetadataYaml(string name)
    {
        var folder = Path.Combine(TestSupport.TempDir(), "bag");
        WriteBag(folder, new BagWriterOptions(name.EndsWith(".db3") ? "sqlite3" : "mcap", MessagesPerTransaction: 100));
        var file = Directory.EnumerateFiles(folder).Single(f => f.EndsWith(Path.GetExtension(name)));
        using var bag = BagReader.Open(file);
        var info = bag.Info();
        Assert.That(info.MessageCount, Is.EqualTo(200));
        Assert.That(info.Topics.Select(t => t.MessageCount), Is.EqualTo(new[] { 100L, 100L }));
        Assert.That(info.Incomplete, Is.False);
    }

    [Test]
    public void InfoReportsCompressionAndRange()
    {
        var folder = Path.Combine(TestSupport.TempDir(), "bag");
        var messages = WriteBag(folder, new BagWriterOptions("mcap", BagCompression.Lz4));
        using var bag = BagReader.Open(folder);
        var info = bag.Info();
        Assert.That(info.Compression, Is.EqualTo("lz4"));
        Assert.That(info.StorageIdentifier, Is.EqualTo("mcap"));
        Assert.That(info.RosDistro, Is.EqualTo("jazzy"));
        Assert.That(info.StartTime, Is.EqualTo(messages.Min(m => m.LogTime)));
        Assert.That(info.EndTime, Is.EqualTo(messages.Max(m => m.LogTime)));
    }

    [Test]
    public void ExistingOutputIsRefused()
    {
        var folder = TestSupport.TempDir();
        Assert.Throws<IOException>(() => BagWriter.Create(folder));
    }
}
