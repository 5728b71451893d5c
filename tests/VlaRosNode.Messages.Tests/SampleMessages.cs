using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.RmwDdsCommon;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.StdMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;

namespace VlaRosNode.Messages.Tests;

/// <summary>Hand-built messages with every kind of field: nested structs, strings, sequences, fixed arrays, struct arrays.</summary>
internal static class SampleMessages
{
    public static Header Header(string frame = "base_link") => new() { Stamp = new Time { Sec = 1_700_000_000, Nanosec = 123_456_789 }, FrameId = frame };

    public static JointState JointState(int joints = 7) => new()
    {
        Header = Header(),
        Name = Enumerable.Range(1, joints).Select(i => $"joint_{i}").ToArray(),
        Position = Enumerable.Range(0, joints).Select(i => i * 0.1 - 0.3).ToArray(),
        Velocity = Enumerable.Range(0, joints).Select(i => i * -0.01).ToArray(),
        Effort = [],
    };

    public static Image Image(int width, int height)
    {
        var data = new byte[width * height * 3];
        for (var i = 0; i < data.Length; i++)
            data[i] = (byte)(i * 31 + (i >> 8));
        return new Image { Header = Header("camera"), Height = (uint)height, Width = (uint)width, Encoding = "rgb8", Step = (uint)width * 3, Data = data };
    }

    public static CameraInfo CameraInfo() => new()
    {
        Header = Header("camera"),
        Height = 480,
        Width = 640,
        DistortionModel = "plumb_bob",
        D = [0.1, -0.2, 0.001, 0.002, 0.0],
        K = [525, 0, 319.5, 0, 525, 239.5, 0, 0, 1],
        R = [1, 0, 0, 0, 1, 0, 0, 0, 1],
        P = [525, 0, 319.5, 0, 0, 525, 239.5, 0, 0, 0, 1, 0],
        Roi = new RegionOfInterest { XOffset = 1, YOffset = 2, Height = 3, Width = 4, DoRectify = true },
    };

    public static JointTrajectory JointTrajectory() => new()
    {
        Header = Header(""),
        JointNames = ["shoulder", "elbow"],
        Points =
        [
            new JointTrajectoryPoint { Positions = [0.1, 0.2], TimeFromStart = new Duration { Sec = 0, Nanosec = 100_000_000 } },
            new JointTrajectoryPoint { Positions = [0.3, 0.4], Velocities = [0, 0], TimeFromStart = new Duration { Sec = 1 } },
        ],
    };

    public static DiagnosticArray DiagnosticArray() => new()
    {
        Header = Header(),
        Status =
        [
            new DiagnosticStatus { Level = DiagnosticStatus.WARN, Name = "policy", Message = "slow: 12 ms", HardwareId = "gpu0",
                Values = [new KeyValue { Key = "latency_ms", Value = "12.5" }, new KeyValue { Key = "grüße", Value = "ünïcødé ✓" }] },
            new DiagnosticStatus(),
        ],
    };

    public static ParticipantEntitiesInfo ParticipantEntitiesInfo() => new()
    {
        Gid = Gid(1),
        NodeEntitiesInfoSeq =
        [
            new NodeEntitiesInfo { NodeNamespace = "/", NodeName = "vla_policy", ReaderGidSeq = [Gid(2), Gid(3)], WriterGidSeq = [Gid(4)] },
        ],
    };

    private static Gid Gid(byte seed) => new() { Data = Enumerable.Range(0, 24).Select(i => (byte)(seed * 16 + i)).ToArray() };

    /// <summary>One of each sample, for tests that run over all of them.</summary>
    public static IEnumerable<IRosMessage> All() =>
    [
        new StdMsgs.String { Data = "hello" }, Header(), JointState(), Image(4, 3), CameraInfo(), JointTrajectory(),
        DiagnosticArray(), ParticipantEntitiesInfo(), new GeometryMsgs.PoseStamped { Header = Header() },
    ];
}
