using VlaRosNode.Messages;
using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.GeometryMsgs;
using VlaRosNode.Messages.RclInterfaces;
using VlaRosNode.Messages.StdMsgs;
using VlaRosNode.Ros2.Dds;
using String = VlaRosNode.Messages.StdMsgs.String;

namespace VlaRosNode.Ros2.Tests.Graph;

/// <summary>REP-2011 type hashes (computed by our generator from the .msg files) against hashes ROS 2 itself
/// published, and the <c>typehash=</c> entry Iron and later expect in endpoint USER_DATA.</summary>
public sealed class TypeHashTests
{
    private static readonly (MessageTypeInfo Type, string Hash, string Source)[] Published =
    [
        // ros2/rmw_zenoh, docs/design.md (key expression of the demo_nodes_cpp talker's /chatter).
        (String.Info, "RIHS01_df668c740482bbd48fb39d76a70dfd4bd59db1288021743503259e948f6b1a18", "rmw_zenoh design.md"),
        // rosidl_generator_c output (EXPECTED_HASH of referenced types) in zhaohuajing/compare_flexbe_ws,
        // build/gpd_ros/rosidl_generator_c/gpd_ros/msg/detail/grasp_config_list__description.c (a Jazzy build).
        (Time.Info, "RIHS01_b106235e25a4c5ed35098aa0a61a3ee9c9b18d197f398b0e4206cea9acf9c197", "rosidl_generator_c"),
        (Point.Info, "RIHS01_6963084842a9b04494d6b2941d11444708d892da2f4b09843b9c43f42a7f6881", "rosidl_generator_c"),
        (Vector3.Info, "RIHS01_cc12fe83e4c02719f1ce8070bfd14aecd40f75a96696a67a2a1f37f7dbb0765d", "rosidl_generator_c"),
        (Header.Info, "RIHS01_f49fb3ae2cf070f793645ff749683ac6b06203e41c891e17701b1cb597ce6a01", "rosidl_generator_c"),
        // rmw_zenoh liveliness tokens captured from a Jazzy graph (a ros2 CLI node's /rosout and /parameter_events
        // publishers, a /cmd_vel subscription), quoted in a public repository's tests (found with the search tool).
        (Log.Info, "RIHS01_e28ce254ca8abc06abf92773b74602cdbf116ed34fbaf294fb9f81da9f318eac", "Jazzy liveliness token"),
        (ParameterEvent.Info, "RIHS01_043e627780fcad87a22d225bc2a037361dba713fca6a6b9f4b869a5aa0393204", "Jazzy liveliness token"),
        (TwistStamped.Info, "RIHS01_5f0fcd4f81d5d06ad9b4c4c63e3ea51b82d6ae4d0558f1d475229b1121db6f64", "Jazzy liveliness token"),
    ];

    [Test]
    public void HashesEqualThosePublishedByRos2()
    {
        Assert.Multiple(() =>
        {
            foreach (var (type, hash, source) in Published)
                Assert.That(type.TypeHash, Is.EqualTo(hash), $"{type.RosName} ({source})");
        });
    }

    [Test]
    public void EveryTypeHasADistinctHash()
    {
        var all = MessageRegistry.All.Concat(MessageRegistry.ServiceParts).ToList();
        Assert.That(all.Select(t => t.TypeHash), Has.All.Match("^RIHS01_[0-9a-f]{64}$"));
        Assert.That(all.Select(t => t.TypeHash).Distinct().Count(), Is.EqualTo(all.Count));
    }

    [TestCase("jazzy", "typehash=RIHS01_df668c740482bbd48fb39d76a70dfd4bd59db1288021743503259e948f6b1a18;")]
    [TestCase("humble", "")]
    public void IronAndLaterPutTheHashInEndpointUserData(string distro, string expected)
    {
        var domain = TestDomain.Next();
        using var context = RosContext.Create([], new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback, LogOutput = TextWriter.Null, RosDistro = distro });
        var node = context.CreateNode("talker", options: new NodeOptions { StartParameterServices = false, EnableRosout = false, StartParameterEventPublisher = false });
        node.CreatePublisher<String>("/chatter");
        node.CreateSubscription<String>("/chatter_in", _ => { });
        using var observer = RosContext.Create([], new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback, LogOutput = TextWriter.Null });
        Transport.EndpointInfo[] seen = [];
        Wait.Until(() => (seen = [.. observer.GetEndpoints().Where(e => e.DdsTopic is "rt/chatter" or "rt/chatter_in")]).Length == 2, "both endpoints to be discovered");
        Assert.That(seen.Select(e => e.UserData), Has.All.EqualTo(expected));
    }
}
