using VlaRosNode.Messages;
using VlaRosNode.Package.Tests.Support;
using VlaRosNode.Ros2.Parameters;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Package.Tests;

/// <summary>
/// config/gz_bridge*.yaml (ros_gz_bridge's config_file format): every entry complete and well-typed, the ROS types
/// real message types, the Gazebo types named for the Gazebo release the file is for, and /clock plus every camera of
/// the policy node's defaults bridged into ROS.
/// </summary>
public sealed class GazeboBridgeConfigTests
{
    private static readonly string[] Keys = ["ros_topic_name", "gz_topic_name", "ros_type_name", "gz_type_name", "direction"];

    // File -> the prefix its Gazebo release gives message types (Harmonic: gz.msgs, Fortress: ignition.msgs).
    private static readonly Dictionary<string, string> Files = new()
    {
        ["gz_bridge.yaml"] = "gz.msgs.",
        ["gz_bridge.fortress.yaml"] = "ignition.msgs.",
    };

    private static IEnumerable<string> FileNames => Files.Keys;

    private static List<Dictionary<string, string>> Load(string file)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(RepoPaths.Of("config", file)))
            yaml.Load(reader);
        var root = yaml.Documents.Single().RootNode as YamlSequenceNode ?? throw new InvalidDataException($"{file}: expected a list of topics");
        return root.Children.Select(entry => ((YamlMappingNode)entry).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!)).ToList();
    }

    [TestCaseSource(nameof(FileNames))]
    public void EveryEntryIsCompleteWithRealTypes(string file)
    {
        var entries = Load(file);
        Assert.That(entries, Is.Not.Empty);
        foreach (var e in entries)
        {
            Assert.That(e.Keys, Is.EquivalentTo(Keys), $"{file}: keys of {string.Join(",", e.Values)}");
            Assert.That(MessageRegistry.Find(e["ros_type_name"]), Is.Not.Null, $"{file}: ROS type {e["ros_type_name"]}");
            Assert.That(e["gz_type_name"], Does.StartWith(Files[file]), $"{file}: Gazebo type naming of its release");
            Assert.That(e["direction"], Is.AnyOf("GZ_TO_ROS", "ROS_TO_GZ", "BIDIRECTIONAL"), file);
            Assert.That(e["ros_topic_name"], Does.StartWith("/"), file);
        }
        Assert.That(entries.Select(e => e["ros_topic_name"]), Is.Unique, file);
    }

    [TestCaseSource(nameof(FileNames))]
    public void BridgesClockAndThePolicyNodesCameras(string file)
    {
        var intoRos = Load(file).Where(e => e["direction"] is "GZ_TO_ROS" or "BIDIRECTIONAL").ToDictionary(e => e["ros_topic_name"], e => e["ros_type_name"]);
        Assert.That(intoRos, Does.ContainKey("/clock").WithValue("rosgraph_msgs/msg/Clock"), "use_sim_time needs /clock");
        var cameras = ParameterFile.Load(RepoPaths.Of("config", "policy_node.yaml")).ValuesFor("/vla_policy")["camera_topics"].As<string[]>();
        foreach (var camera in cameras)
            Assert.That(intoRos, Does.ContainKey(camera).WithValue("sensor_msgs/msg/Image"), $"camera {camera}");
    }

    [Test]
    public void BothReleasesBridgeTheSameTopics()
    {
        static IEnumerable<string> Topics(List<Dictionary<string, string>> entries) =>
            entries.Select(e => $"{e["ros_topic_name"]} {e["gz_topic_name"]} {e["ros_type_name"]} {e["direction"]} {e["gz_type_name"].Split('.').Last()}");
        Assert.That(Topics(Load("gz_bridge.fortress.yaml")), Is.EqualTo(Topics(Load("gz_bridge.yaml"))));
    }
}
