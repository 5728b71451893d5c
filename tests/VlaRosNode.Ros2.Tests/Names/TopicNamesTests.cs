using VlaRosNode.Ros2.Names;

namespace VlaRosNode.Ros2.Tests.Names;

public sealed class TopicNamesTests
{
    [TestCase("/abs/topic", "/ns", "/abs/topic")]
    [TestCase("rel", "/ns", "/ns/rel")]
    [TestCase("rel/deeper", "/", "/rel/deeper")]
    [TestCase("~", "/ns", "/ns/node")]
    [TestCase("~/private", "/ns", "/ns/node/private")]
    [TestCase("~/private", "/", "/node/private")]
    public void ExpandsAbsoluteRelativeAndPrivateNames(string name, string ns, string expected) =>
        Assert.That(TopicNames.Expand(name, "node", ns), Is.EqualTo(expected));

    [Test]
    public void RemapsMatchOnExpandedNamesAndRespectTheirNode()
    {
        RemapRule[] rules = [new(null, "image", "/camera/image_raw"), new("other", "cmd", "/wrong"), new(null, "~/cmd", "joint_trajectory")];
        Assert.That(TopicNames.Resolve("/arm/image", "node", "/arm", rules), Is.EqualTo("/camera/image_raw"));
        Assert.That(TopicNames.Resolve("~/cmd", "node", "/arm", rules), Is.EqualTo("/arm/joint_trajectory"));
        Assert.That(TopicNames.Resolve("status", "node", "/arm", rules), Is.EqualTo("/arm/status"));
    }

    [TestCase("")]
    [TestCase("a//b")]
    [TestCase("a/")]
    [TestCase("1abc")]
    [TestCase("a/2b")]
    [TestCase("a~b")]
    [TestCase("~x")]
    [TestCase("sp ace")]
    public void RejectsInvalidNamesWithTheReason(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => TopicNames.Expand(name, "node", "/"));
        Assert.That(error!.Message, Does.StartWith($"invalid ROS name '{name}': "));
    }

    [Test]
    public void MapsToAndFromDdsTopicNames()
    {
        Assert.That(TopicNames.ToDdsTopic("/camera/image_raw"), Is.EqualTo("rt/camera/image_raw"));
        Assert.That(TopicNames.FromDdsTopic("rt/camera/image_raw"), Is.EqualTo("/camera/image_raw"));
        Assert.That(TopicNames.FromDdsTopic("ros_discovery_info"), Is.Null);
    }
}
