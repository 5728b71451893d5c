using VlaRosNode.Bag.Mcap;

namespace VlaRosNode.Bag.Tests;

/// <summary>A message as a test expects to read it back.</summary>
internal sealed record ExpectedMessage(string Topic, long LogTime, long PublishTime, byte[] Data);

/// <summary>Small bags with known content, written by our writers, for the tests to read back.</summary>
internal static class SampleBags
{
    public const long BaseTime = 1_700_000_000_000_000_000;

    public static readonly TopicMetadata Chatter = new("/chatter", "std_msgs/msg/String", "cdr", [QosProfile.Default], "",
        new MessageDefinition("ros2msg", "string data"));

    public static readonly TopicMetadata Joints = new("/joint_states", "sensor_msgs/msg/JointState", "cdr", [QosProfile.SensorData], "RIHS01_abc",
        new MessageDefinition("ros2msg", "std_msgs/Header header\nstring[] name\nfloat64[] position\nfloat64[] velocity\nfloat64[] effort"));

    /// <summary>Messages alternating between the two topics, 1 ms apart, some arriving late (out of order).</summary>
    public static List<ExpectedMessage> Messages(int count, int maxSize = 700)
    {
        var list = new List<ExpectedMessage>();
        for (var i = 0; i < count; i++)
        {
            var late = i % 17 == 5 ? 3 : 0;
            var time = BaseTime + (i - late) * 1_000_000L;
            list.Add(new ExpectedMessage(i % 2 == 0 ? Chatter.Name : Joints.Name, time, time + 5, TestSupport.Payload(i, 8 + i * 37 % maxSize)));
        }
        return list;
    }

    /// <summary>Sorted the way a reader must return them: by log time, equal times in write order.</summary>
    public static List<ExpectedMessage> InReadOrder(IEnumerable<ExpectedMessage> messages) => messages.OrderBy(m => m.LogTime).ToList();

    public static void WriteMcap(string path, IEnumerable<ExpectedMessage> messages, McapWriterOptions? options = null, Action<McapBagWriter>? beforeClose = null)
    {
        using var writer = new McapBagWriter(path, options);
        writer.CreateTopic(Chatter);
        writer.CreateTopic(Joints);
        foreach (var m in messages)
            writer.Write(m.Topic, m.LogTime, m.PublishTime, m.Data);
        beforeClose?.Invoke(writer);
    }

    public static void AssertSameMessages(IEnumerable<BagMessage> actual, IReadOnlyList<ExpectedMessage> expected, bool checkPublishTime = true)
    {
        var got = actual.Select(m => new ExpectedMessage(m.Topic.Name, m.LogTime, checkPublishTime ? m.PublishTime : 0, m.Data.ToArray())).ToList();
        Assert.That(got, Has.Count.EqualTo(expected.Count));
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            Assert.That((got[i].Topic, got[i].LogTime, got[i].PublishTime), Is.EqualTo((e.Topic, e.LogTime, checkPublishTime ? e.PublishTime : 0)), $"message {i}");
            Assert.That(got[i].Data, Is.EqualTo(e.Data), $"payload of message {i}");
        }
    }
}
