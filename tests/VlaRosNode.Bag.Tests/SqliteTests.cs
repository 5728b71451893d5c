using System.Text.Json;
using VlaRosNode.Bag.Sqlite;

namespace VlaRosNode.Bag.Tests;

public class SqliteTests
{
    private static string Python(params string[] args) =>
        TestSupport.Run("/usr/bin/python3", TestSupport.CrossCheckDir, [Path.Combine(TestSupport.CrossCheckDir, "sqlite_bag.py"), .. args]);

    private static void WriteSqlite(string path, IEnumerable<ExpectedMessage> messages, SqliteSchemaVersion schema, int perTransaction = 1)
    {
        using var writer = new SqliteBagWriter(path, schema, perTransaction);
        writer.CreateTopic(SampleBags.Chatter);
        writer.CreateTopic(SampleBags.Joints);
        foreach (var m in messages)
            writer.Write(m.Topic, m.LogTime, m.PublishTime, m.Data);
    }

    [TestCase(SqliteSchemaVersion.Humble)]
    [TestCase(SqliteSchemaVersion.Jazzy)]
    public void RoundTripDetectsSchemaAndKeepsTopics(SqliteSchemaVersion schema)
    {
        var path = Path.Combine(TestSupport.TempDir(), "a.db3");
        var messages = SampleBags.Messages(120);
        WriteSqlite(path, messages, schema, perTransaction: 16);

        using var reader = SqliteBagReader.Open(path);
        Assert.That(reader.Schema, Is.EqualTo(schema));
        var expected = SampleBags.InReadOrder(messages).Select(m => m with { PublishTime = m.LogTime }).ToList();
        SampleBags.AssertSameMessages(reader.ReadMessages(MessageFilter.All), expected);
        var joints = reader.Topics.Single(t => t.Name == "/joint_states");
        Assert.That(joints.OfferedQosProfiles, Is.EqualTo(new[] { QosProfile.SensorData }));
        if (schema == SqliteSchemaVersion.Jazzy)
        {
            Assert.That(joints.TypeDescriptionHash, Is.EqualTo("RIHS01_abc"));
            Assert.That(joints.Definition, Is.EqualTo(SampleBags.Joints.Definition));
        }
        else
            Assert.That(joints.Definition, Is.Null);
        Assert.That(reader.Summary.MessageCount, Is.EqualTo(120));
        Assert.That(reader.Summary.MessageCounts["/chatter"], Is.EqualTo(60));
    }

    [Test]
    public void FilterByTopicAndTime()
    {
        var path = Path.Combine(TestSupport.TempDir(), "a.db3");
        var messages = SampleBags.Messages(100);
        WriteSqlite(path, messages, SqliteSchemaVersion.Jazzy, 100);
        var start = SampleBags.BaseTime + 20_000_000;
        var end = SampleBags.BaseTime + 60_000_000;
        using var reader = SqliteBagReader.Open(path);
        var expected = SampleBags.InReadOrder(messages.Where(m => m.Topic == "/chatter" && m.LogTime >= start && m.LogTime <= end));
        SampleBags.AssertSameMessages(reader.ReadMessages(new MessageFilter(["/chatter"], start, end)), expected, checkPublishTime: false);
    }

    [Test]
    public void EachWrittenMessageIsCommittedBeforeWriteReturns()
    {
        var path = Path.Combine(TestSupport.TempDir(), "a.db3");
        using var writer = new SqliteBagWriter(path, SqliteSchemaVersion.Jazzy);
        writer.CreateTopic(SampleBags.Chatter);
        foreach (var m in SampleBags.Messages(7).Where(m => m.Topic == "/chatter"))
            writer.Write(m.Topic, m.LogTime, m.PublishTime, m.Data);
        // A second connection (as after a crash of the recorder) already sees every message.
        using var reader = SqliteBagReader.Open(path);
        Assert.That(reader.ReadMessages(MessageFilter.All).Count(), Is.EqualTo(4));
    }

    [Test]
    public void BagWrittenByPythonSqlite3IsReadCorrectly()
    {
        var path = Path.Combine(TestSupport.TempDir(), "py.db3");
        var written = JsonDocument.Parse(Python("write", path, "90")).RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => new ExpectedMessage(m.GetProperty("topic").GetString()!, m.GetProperty("timestamp").GetInt64(), 0,
                Convert.FromBase64String(m.GetProperty("data").GetString()!)))
            .ToList();

        using var bag = BagReader.Open(path);
        Assert.That(bag.StorageIdentifier, Is.EqualTo("sqlite3"));
        SampleBags.AssertSameMessages(bag.ReadMessages(), SampleBags.InReadOrder(written), checkPublishTime: false);
        var chatter = bag.Topics.Single(t => t.Name == "/chatter");
        Assert.That(chatter.Type, Is.EqualTo("std_msgs/msg/String"));
        var qos = chatter.OfferedQosProfiles.Single();
        Assert.That((qos.History, qos.Reliability, qos.Durability, qos.Liveliness), Is.EqualTo((QosHistory.Unknown, QosReliability.Reliable, QosDurability.Volatile, QosLiveliness.Automatic)));
        Assert.That(qos.Deadline, Is.EqualTo(new RosDuration(2147483647, 4294967295)));
    }

    [Test]
    public void BagWeWriteOpensWithPythonSqlite3()
    {
        var folder = Path.Combine(TestSupport.TempDir(), "ours");
        var messages = SampleBags.Messages(80);
        using (var writer = BagWriter.Create(folder, new BagWriterOptions("sqlite3", RosDistro: "humble")))
        {
            writer.CreateTopic(SampleBags.Chatter);
            writer.CreateTopic(SampleBags.Joints);
            foreach (var m in messages)
                writer.Write(m.Topic, m.LogTime, m.Data);
        }
        var read = JsonDocument.Parse(Python("read", Path.Combine(folder, "ours_0.db3"))).RootElement;
        Assert.That(read.GetProperty("schema_version").GetInt32(), Is.EqualTo(3));
        Assert.That(read.GetProperty("ros_distro").GetString(), Is.EqualTo("humble"));
        Assert.That(read.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("offered_qos_profiles").GetString()),
            Has.All.Contains("reliability: "), "Humble QoS is a YAML string");
        Assert.That(read.GetProperty("topics").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "/joint_states")
            .GetProperty("offered_qos_profiles").GetString(), Does.Contain("reliability: 2"), "integer enums in Humble");
        var got = read.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("topic").GetString(), m.GetProperty("timestamp").GetInt64(), m.GetProperty("data").GetString())).ToList();
        Assert.That(got, Is.EqualTo(SampleBags.InReadOrder(messages).Select(m => (m.Topic, m.LogTime, Convert.ToBase64String(m.Data))).ToList()));
        Assert.That(read.GetProperty("metadata")[0].GetString(), Does.Contain("version: 5"));
    }
}
