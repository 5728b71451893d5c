using VlaRosNode.Bag.Mcap;
using VlaRosNode.Messages;
using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.StdMsgs;

namespace VlaRosNode.Bag.Tests;

/// <summary>Bags of the generated message types: written from objects, decoded on demand when read.</summary>
public class GeneratedMessageTests
{
    private static JointState Joints(int i) => new()
    {
        Header = new Header { Stamp = new Time { Sec = 1_700_000_000 + i, Nanosec = 5 }, FrameId = "base" },
        Name = ["j1", "j2", "j3"],
        Position = [i * 0.1, -i * 0.2, 0.5],
        Velocity = [],
        Effort = [],
    };

    private static Image Camera(int i) => new()
    {
        Header = new Header { FrameId = "camera" },
        Height = 4,
        Width = 8,
        Encoding = "rgb8",
        Step = 24,
        Data = Enumerable.Range(0, 96).Select(k => (byte)(k + i)).ToArray(),
    };

    [TestCase("mcap")]
    [TestCase("sqlite3")]
    public void MessagesDecodeIntoGeneratedTypes(string storage)
    {
        var folder = Path.Combine(TestSupport.TempDir(), "typed");
        using (var writer = BagWriter.Create(folder, new BagWriterOptions(storage, BagCompression.Zstd, MessagesPerTransaction: 100)))
        {
            writer.CreateTopic(TopicMetadata.For<JointState>("/joint_states", QosProfile.SensorData));
            writer.CreateTopic(TopicMetadata.For<Image>("/camera/image_raw", QosProfile.SensorData));
            for (var i = 0; i < 30; i++)
            {
                writer.Write("/joint_states", SampleBags.BaseTime + i * 1000, Joints(i));
                if (i % 3 == 0)
                    writer.Write("/camera/image_raw", SampleBags.BaseTime + i * 1000 + 1, Camera(i));
            }
        }

        using var bag = BagReader.Open(folder);
        var joints = bag.ReadMessages(new MessageFilter(["/joint_states"])).Select(m => m.Deserialize<JointState>()).ToList();
        Assert.That(joints, Has.Count.EqualTo(30));
        Assert.That(joints[7].Position, Is.EqualTo(Joints(7).Position));
        Assert.That(joints[7].Header.Stamp.Sec, Is.EqualTo(1_700_000_007));
        var images = bag.ReadMessages(new MessageFilter(["/camera/image_raw"])).Select(m => m.Deserialize()).ToList();
        Assert.That(images, Has.Count.EqualTo(10));
        Assert.That(images.OfType<Image>().Select(img => img.Data[0]), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (byte)(i * 3))));
    }

    [Test]
    public void McapSchemaIsTheRos2MsgDefinitionOfTheType()
    {
        var path = Path.Combine(TestSupport.TempDir(), "a.mcap");
        using (var writer = new McapBagWriter(path))
            writer.CreateTopic(TopicMetadata.For<JointState>("/joint_states"));
        using var reader = McapBagReader.Open(path);
        var definition = reader.Topics.Single().Definition!;
        Assert.That(definition.Encoding, Is.EqualTo("ros2msg"));
        Assert.That(definition.Text, Is.EqualTo(JointState.Info.Ros2MsgSchema));
        Assert.That(definition.Text, Does.Contain("MSG: std_msgs/Header"));
    }

    [Test]
    public void UnknownTypeNamesTheType()
    {
        var path = Path.Combine(TestSupport.TempDir(), "a.mcap");
        using (var writer = new McapBagWriter(path))
        {
            writer.CreateTopic(new TopicMetadata("/x", "my_msgs/msg/Unknown"));
            writer.Write("/x", 1, 1, [0, 1, 0, 0]);
        }
        using var reader = McapBagReader.Open(path);
        var message = reader.ReadMessages(MessageFilter.All).Single();
        var e = Assert.Throws<KeyNotFoundException>(() => message.Deserialize());
        Assert.That(e!.Message, Does.Contain("my_msgs/msg/Unknown"));
    }
}
