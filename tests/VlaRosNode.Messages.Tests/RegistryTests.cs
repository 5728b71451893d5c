namespace VlaRosNode.Messages.Tests;

public class RegistryTests
{
    private static readonly string[] IssueTypes =
    [
        "builtin_interfaces/msg/Duration", "builtin_interfaces/msg/Time", "control_msgs/msg/JointJog",
        "diagnostic_msgs/msg/DiagnosticArray", "diagnostic_msgs/msg/DiagnosticStatus", "diagnostic_msgs/msg/KeyValue",
        "geometry_msgs/msg/Point", "geometry_msgs/msg/Pose", "geometry_msgs/msg/PoseStamped", "geometry_msgs/msg/Quaternion",
        "geometry_msgs/msg/Twist", "geometry_msgs/msg/TwistStamped", "geometry_msgs/msg/Vector3",
        "rcl_interfaces/msg/FloatingPointRange", "rcl_interfaces/msg/IntegerRange", "rcl_interfaces/msg/ListParametersResult",
        "rcl_interfaces/msg/Log", "rcl_interfaces/msg/Parameter", "rcl_interfaces/msg/ParameterDescriptor",
        "rcl_interfaces/msg/ParameterEvent", "rcl_interfaces/msg/ParameterValue", "rcl_interfaces/msg/SetParametersResult",
        "rmw_dds_common/msg/Gid", "rmw_dds_common/msg/NodeEntitiesInfo", "rmw_dds_common/msg/ParticipantEntitiesInfo",
        "rosgraph_msgs/msg/Clock", "sensor_msgs/msg/CameraInfo", "sensor_msgs/msg/CompressedImage", "sensor_msgs/msg/Image",
        "sensor_msgs/msg/JointState", "sensor_msgs/msg/RegionOfInterest", "std_msgs/msg/Header", "std_msgs/msg/String",
        "trajectory_msgs/msg/JointTrajectory", "trajectory_msgs/msg/JointTrajectoryPoint", "vla_ros_node/msg/PolicyStatus",
    ];

    [Test]
    public void ListsEveryShippedTypeInOrder() =>
        Assert.That(MessageRegistry.All.Select(t => t.RosName), Is.EqualTo(IssueTypes));

    [Test]
    public void ServicesAreSplitIntoRequestAndResponseTypes()
    {
        Assert.That(MessageRegistry.ServiceParts.Select(t => t.RosName), Is.EqualTo(new[]
        {
            "rcl_interfaces/srv/DescribeParameters_Request", "rcl_interfaces/srv/DescribeParameters_Response",
            "rcl_interfaces/srv/GetParameterTypes_Request", "rcl_interfaces/srv/GetParameterTypes_Response",
            "rcl_interfaces/srv/GetParameters_Request", "rcl_interfaces/srv/GetParameters_Response",
            "rcl_interfaces/srv/ListParameters_Request", "rcl_interfaces/srv/ListParameters_Response",
            "rcl_interfaces/srv/SetParametersAtomically_Request", "rcl_interfaces/srv/SetParametersAtomically_Response",
            "rcl_interfaces/srv/SetParameters_Request", "rcl_interfaces/srv/SetParameters_Response",
        }));
        var request = MessageRegistry.Get("rcl_interfaces::srv::dds_::ListParameters_Request_");
        Assert.That(request.ClrType, Is.EqualTo(typeof(RclInterfaces.ListParameters_Request)));
        Assert.That(RclInterfaces.ListParameters_Request.DEPTH_RECURSIVE, Is.EqualTo(0UL));
        Assert.That(request.Ros2MsgSchema, Does.Contain("uint64 depth").And.Not.Contains("---").And.Not.Contains("ListParametersResult result"));
        Assert.That(MessageRegistry.Get("rcl_interfaces/srv/ListParameters_Response").Ros2MsgSchema, Does.StartWith("# The list of parameter names"));
    }

    [Test]
    public void FindsByRosShortAndDdsName()
    {
        var info = SensorMsgs.JointState.Info;
        Assert.Multiple(() =>
        {
            Assert.That(MessageRegistry.Find("sensor_msgs/msg/JointState"), Is.SameAs(info));
            Assert.That(MessageRegistry.Find("sensor_msgs/JointState"), Is.SameAs(info));
            Assert.That(MessageRegistry.Find("sensor_msgs::msg::dds_::JointState_"), Is.SameAs(info));
            Assert.That(MessageRegistry.Find("sensor_msgs/msg/Nope"), Is.Null);
            Assert.That(() => MessageRegistry.Get("nope/msg/Nope"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("sensor_msgs/msg/Image"));
            Assert.That(info.ClrType, Is.EqualTo(typeof(SensorMsgs.JointState)));
        });
    }

    [Test]
    public void EveryTypeDecodesItsOwnDefaultEncoding()
    {
        foreach (var info in MessageRegistry.All)
        {
            var message = info.FromValues(Text.MessageValues.Parse(""));
            Assert.That(message.GetType(), Is.EqualTo(info.ClrType));
            var bytes = CdrTestBytes.Encode(message);
            Assert.That(CdrTestBytes.Encode(info.Decode(bytes)), Is.EqualTo(bytes), info.RosName);
        }
    }

    [Test]
    public void SchemaListsEachDependencyOnceDepthFirst()
    {
        var schema = TrajectoryMsgs.JointTrajectory.Info.Ros2MsgSchema;
        var separator = new string('=', 80);
        var dependencies = schema.Split('\n').Where(line => line.StartsWith("MSG: ")).ToArray();
        Assert.That(dependencies, Is.EqualTo(new[]
        {
            "MSG: std_msgs/Header", "MSG: builtin_interfaces/Time", "MSG: trajectory_msgs/JointTrajectoryPoint", "MSG: builtin_interfaces/Duration",
        }));
        Assert.That(schema, Does.StartWith(File.ReadAllText(RepoPaths.MsgFile("trajectory_msgs", "JointTrajectory")).TrimEnd()));
        Assert.That(schema, Does.Contain(separator + "\nMSG: std_msgs/Header\n" + File.ReadAllText(RepoPaths.MsgFile("std_msgs", "Header")).TrimEnd() + "\n" + separator));
    }
}
