using Microsoft.Extensions.Logging;
using VlaRosNode.Messages.RclInterfaces;
using VlaRosNode.Ros2.Dds;

namespace VlaRosNode.Ros2.Tests.Logging;

/// <summary>/rosout over real Cyclone DDS: a node's log records arrive as rcl_interfaces/msg/Log, including those
/// written before the subscriber joined (transient local, as rcl's rosout profile).</summary>
public sealed class RosoutTests
{
    [Test]
    public void LogRecordsArePublishedWithLevelNameAndMessage()
    {
        var domain = TestDomain.Next();
        var console = new LogCapture();
        using var talker = RosContext.Create(["--ros-args", "--log-level", "info"], new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback, LogOutput = console });
        var node = talker.CreateNode("talker", "/arm");
        node.Logger.LogDebug("below the level: neither console nor /rosout");
        node.Logger.LogWarning("joint {Joint} near its limit", "elbow");

        using var observer = RosContext.Create([], new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback, LogOutput = TextWriter.Null });
        var records = new List<Log>();
        var listener = observer.CreateNode("listener");
        listener.CreateSubscription<Log>("/rosout", m => { lock (records) records.Add(m); }, QosProfile.Rosout);
        listener.StartSpinning();
        Wait.Until(() => { lock (records) return records.Any(r => r.Name == "arm.talker" && r.Msg.Contains("elbow")); }, "the warning on /rosout");
        node.Logger.LogError("gripper fault");
        Wait.Until(() => { lock (records) return records.Any(r => r.Msg == "gripper fault"); }, "the error on /rosout");

        List<Log> fromTalker;
        lock (records)
            fromTalker = [.. records.Where(r => r.Name == "arm.talker")];
        Assert.That(fromTalker.Select(r => (r.Level, r.Msg)), Is.EqualTo(new[] { (Log.WARN, "joint elbow near its limit"), (Log.ERROR, "gripper fault") }));
        Assert.That(fromTalker[0].Stamp.Sec, Is.GreaterThan(1_600_000_000));
        Assert.That(console.Lines, Has.One.Contains("[WARN]").And.Contains("joint elbow near its limit"));
    }
}
