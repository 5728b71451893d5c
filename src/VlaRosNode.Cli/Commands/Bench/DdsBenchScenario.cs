using VlaRosNode.Messages;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.StdMsgs;
using VlaRosNode.Ros2;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>One workload of `vla bench dds`: a message type, size, rate (0: as fast as possible) and QoS.</summary>
internal sealed record DdsBenchScenario(string Name, string Description, double RateHz, QosProfile Qos, Func<IRosMessage> Create)
{
    public static readonly DdsBenchScenario[] All =
    [
        new("image30", "Image 640x480 rgb8, 30 Hz", 30, QosProfile.Default.WithDepth(8), CreateImage),
        new("image_max", "Image 640x480 rgb8, max rate", 0, QosProfile.Default with { History = History.KeepAll }, CreateImage),
        new("joints1k", "JointState 7 joints, 1 kHz", 1000, QosProfile.Default.WithDepth(100), CreateJointState),
    ];

    /// <summary>Benchmark nodes carry only the endpoints measured: no parameter services, /parameter_events or /rosout.</summary>
    public static NodeOptions BareNode { get; } = new() { StartParameterServices = false, StartParameterEventPublisher = false, EnableRosout = false };

    public static DdsBenchScenario ByName(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new FormatException($"unknown scenario '{name}' (known: {string.Join(", ", All.Select(s => s.Name))})");

    public int PayloadSize => Create().GetSerializedSize();

    public string RosType => Create().TypeInfo.RosName;

    /// <summary>Stamps the message with the send time, which the receiver subtracts from its arrival time.</summary>
    public static void Stamp(IRosMessage message, RosTime now)
    {
        var header = message switch
        {
            Image i => i.Header,
            JointState j => j.Header,
            _ => throw new ArgumentException($"no header on {message.TypeInfo.RosName}"),
        };
        header.Stamp.Sec = now.Seconds;
        header.Stamp.Nanosec = now.NanosecondsPart;
    }

    public static RosTime StampOf(IRosMessage message) => message switch
    {
        Image i => RosTime.FromParts(i.Header.Stamp.Sec, i.Header.Stamp.Nanosec),
        JointState j => RosTime.FromParts(j.Header.Stamp.Sec, j.Header.Stamp.Nanosec),
        _ => throw new ArgumentException($"no header on {message.TypeInfo.RosName}"),
    };

    private static Image CreateImage()
    {
        var image = new Image { Header = new Header { FrameId = "camera" }, Height = 480, Width = 640, Encoding = "rgb8", Step = 640 * 3, Data = new byte[640 * 480 * 3] };
        new Random(1).NextBytes(image.Data);
        return image;
    }

    private static JointState CreateJointState() => new()
    {
        Header = new Header { FrameId = "base" },
        Name = [.. Enumerable.Range(1, 7).Select(i => $"panda_joint{i}")],
        Position = [0.1, -0.2, 0.3, -1.5, 0.0, 1.8, 0.7],
        Velocity = new double[7],
        Effort = new double[7],
    };
}
