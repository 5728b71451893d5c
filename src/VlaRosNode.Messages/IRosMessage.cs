namespace VlaRosNode.Messages;

/// <summary>What every generated ROS message type is: its names, its schema text and its CDR codec.</summary>
public interface IRosMessage
{
    /// <summary>The static description of this message's type.</summary>
    MessageTypeInfo TypeInfo { get; }

    /// <summary>Exact size of the XCDR1 encoding, 4-byte encapsulation header included.</summary>
    int GetSerializedSize();

    /// <summary>Writes the XCDR1 encoding (header first) into <paramref name="destination"/>; returns the bytes written.
    /// Allocates nothing. Throws <see cref="ArgumentException"/> when the buffer is too small.</summary>
    int Serialize(Span<byte> destination);

    /// <summary>Writes the fields as `ros2 topic echo` prints them (see <see cref="Text.MessageYaml"/>).</summary>
    void WriteYaml(Text.MessageYamlWriter writer);
}

/// <summary>A generated message type, with static access to its description and decoder.</summary>
public interface IRosMessage<TSelf> : IRosMessage where TSelf : class, IRosMessage<TSelf>, new()
{
    /// <summary>The type's description, without an instance.</summary>
    static abstract MessageTypeInfo Info { get; }

    /// <summary>Decodes a complete XCDR1 payload (header included, either endianness, trailing padding tolerated).
    /// Throws <see cref="CdrException"/> naming the field and offset on malformed input.</summary>
    static abstract TSelf Deserialize(ReadOnlySpan<byte> payload);

    /// <summary>Decodes into <paramref name="reuse"/>, keeping its arrays, strings and nested messages where the new values
    /// fit (same array length, same ASCII text), so a stream of same-shaped messages decodes without allocating.
    /// Returns <paramref name="reuse"/>; after a <see cref="CdrException"/> its contents are unspecified.</summary>
    static abstract TSelf Deserialize(ReadOnlySpan<byte> payload, TSelf reuse);

    /// <summary>Builds a message from YAML-style values (what `ros2 topic pub TYPE 'YAML'` takes); fields not given keep
    /// their defaults. Throws <see cref="Text.MessageValueException"/> naming the field on a bad or unknown value.</summary>
    static abstract TSelf FromValues(Text.MessageValues values);
}

/// <summary>Decodes a complete CDR payload into a message of a type known only at run time.</summary>
public delegate IRosMessage CdrDecoder(ReadOnlySpan<byte> payload);

/// <summary>Names and schema of one message type, as ROS 2, DDS and MCAP spell them.</summary>
/// <param name="RosName">e.g. <c>sensor_msgs/msg/JointState</c>.</param>
/// <param name="DdsName">e.g. <c>sensor_msgs::msg::dds_::JointState_</c>.</param>
/// <param name="Ros2MsgSchema">The MCAP <c>ros2msg</c> schema: root .msg text, then each dependency once.</param>
/// <param name="Decode">Decoder returning the generated type.</param>
/// <param name="ClrType">The generated type.</param>
/// <param name="FromValues">Builds the generated type from YAML-style values (see <see cref="IRosMessage{TSelf}.FromValues"/>).</param>
public sealed record MessageTypeInfo(
    string RosName, string DdsName, string Ros2MsgSchema, CdrDecoder Decode, Type ClrType, Func<Text.MessageValues, IRosMessage> FromValues)
{
    /// <summary>The REP-2011 type hash, <c>RIHS01_</c> and 64 hex digits (computed from the .msg at build time).</summary>
    public string TypeHash { get; init; } = "";
}
