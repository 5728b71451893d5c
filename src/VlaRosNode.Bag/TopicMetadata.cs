using VlaRosNode.Messages;

namespace VlaRosNode.Bag;

/// <summary>One topic of a bag, as rosbag2 stores it in every storage format.</summary>
/// <param name="Name">e.g. <c>/joint_states</c>.</param>
/// <param name="Type">e.g. <c>sensor_msgs/msg/JointState</c>.</param>
/// <param name="SerializationFormat">Always <c>cdr</c> for ROS 2 bags.</param>
/// <param name="OfferedQos">QoS profiles of the publishers seen while recording (player uses them).</param>
/// <param name="TypeDescriptionHash"><c>RIHS01_...</c> (Iron and later), or empty.</param>
/// <param name="Definition">The message definition (MCAP schema, Jazzy sqlite message_definitions), or null.</param>
public sealed record TopicMetadata(
    string Name,
    string Type,
    string SerializationFormat = "cdr",
    IReadOnlyList<QosProfile>? OfferedQos = null,
    string TypeDescriptionHash = "",
    MessageDefinition? Definition = null)
{
    public IReadOnlyList<QosProfile> OfferedQosProfiles => OfferedQos ?? [];

    /// <summary>A topic of a generated message type, with its ros2msg definition.</summary>
    public static TopicMetadata For<T>(string name, params QosProfile[] offeredQos) where T : class, IRosMessage<T>, new() =>
        new(name, T.Info.RosName, "cdr", offeredQos, "", DefinitionOf(T.Info.RosName));

    /// <summary>The ros2msg definition of a type we generated, or null for types we do not know.</summary>
    public static MessageDefinition? DefinitionOf(string type) =>
        MessageRegistry.Find(type) is { } info ? new MessageDefinition("ros2msg", info.Ros2MsgSchema) : null;
}

/// <summary>A message definition as MCAP schemas and Jazzy's message_definitions table hold it.</summary>
/// <param name="Encoding"><c>ros2msg</c> (the .msg text plus dependencies) or <c>ros2idl</c>.</param>
/// <param name="Text">The definition text.</param>
public sealed record MessageDefinition(string Encoding, string Text);
