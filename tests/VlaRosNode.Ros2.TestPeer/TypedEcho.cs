using System.Buffers;
using VlaRosNode.Messages;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Dds;

namespace VlaRosNode.Ros2.TestPeer;

/// <summary>For every generated message type: takes messages on <c>/roundtrip_in/TYPE</c>, decodes them into the
/// generated C# type, encodes them again and publishes the result on <c>/roundtrip_out/TYPE</c>.</summary>
internal static class TypedEcho
{
    public static int Run(string[] args)
    {
        using var context = RosContext.Create(args[1..], new RosContextOptions { DomainId = uint.Parse(args[0]), CycloneConfig = CycloneConfig.Loopback });
        using var node = context.CreateNode("typed_echo");
        var qos = QosProfile.Default.WithDepth(100);
        foreach (var type in MessageRegistry.All)
        {
            var publisher = node.CreateRawPublisher($"/roundtrip_out/{TopicSuffix(type)}", type.RosName, qos);
            node.CreateRawSubscription($"/roundtrip_in/{TopicSuffix(type)}", type.RosName, (payload, in _) =>
            {
                var message = type.Decode(payload);
                var size = message.GetSerializedSize();
                var buffer = ArrayPool<byte>.Shared.Rent(size);
                message.Serialize(buffer);
                publisher.Publish(buffer.AsSpan(0, size));
                ArrayPool<byte>.Shared.Return(buffer);
            }, qos);
        }
        node.StartSpinning();
        Console.WriteLine("ready");
        Console.In.ReadToEnd();
        return 0;
    }

    public static string TopicSuffix(MessageTypeInfo type) => type.RosName.Replace("/msg/", "_");
}
