using System.Collections.Concurrent;
using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Messages.VlaRosNode;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Dds;

namespace VlaRosNode.Nodes.Tests.Support;

/// <summary>
/// Stands in for a simulator or robot on real Cyclone DDS (loopback): publishes two cameras (front as bgr8 at 40x30,
/// wrist as rgb8 at 16x16), streams /joint_states at 50 Hz as a robot does (positions from <see cref="ArmPositions"/>),
/// and records what the policy node publishes.
/// </summary>
internal sealed class FakeSim : IDisposable
{
    public const int FrontWidth = 40, FrontHeight = 30;

    private readonly RosContext _context;
    private readonly Node _node;
    private readonly Publisher<Image> _front, _wrist;
    private readonly Publisher<JointState> _joints;
    private readonly Timer _jointStream;
    private readonly Lock _publishing = new(); // the stream's timer thread and the test thread share the writers

    public FakeSim(uint domain, string trajectoryTopic = "/arm_controller/joint_trajectory")
    {
        _context = RosContext.Create([], new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback });
        _node = _context.CreateNode("fake_sim");
        _front = _node.CreatePublisher<Image>("/front/image_raw");
        _wrist = _node.CreatePublisher<Image>("/wrist/image_raw");
        _joints = _node.CreatePublisher<JointState>("/joint_states");
        _node.CreateSubscription<JointTrajectory>(trajectoryTopic, Trajectories.Enqueue, QosProfile.Default.WithDepth(100));
        _node.CreateSubscription<PolicyStatus>("/vla/status", Statuses.Enqueue, QosProfile.Default.WithDepth(100));
        _node.CreateSubscription<DiagnosticArray>("/diagnostics", Diagnostics.Enqueue, QosProfile.Default.WithDepth(100));
        _node.StartSpinning();
        _jointStream = new Timer(_ => StreamJoints(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
    }

    /// <summary>The arm joint positions the joint-state stream reports.</summary>
    public volatile double[] ArmPositions = ControllerHarness.Panda.ReadyPose.ToArray();

    public ConcurrentQueue<JointTrajectory> Trajectories { get; } = new();
    public ConcurrentQueue<PolicyStatus> Statuses { get; } = new();
    public ConcurrentQueue<DiagnosticArray> Diagnostics { get; } = new();

    /// <summary>Whether the policy node's subscriptions and publishers have matched ours.</summary>
    public bool Connected() =>
        _front.SubscriptionCount > 0 && _wrist.SubscriptionCount > 0 && _joints.SubscriptionCount > 0;

    /// <summary>Both camera frames of one seed: front as BGR bytes of the RGB pattern, wrist as RGB.</summary>
    public static (byte[] FrontRgb, byte[] WristRgb) Frames(int seed)
    {
        var random = new Random(seed);
        var front = new byte[FrontWidth * FrontHeight * 3];
        var wrist = new byte[16 * 16 * 3];
        random.NextBytes(front);
        random.NextBytes(wrist);
        return (front, wrist);
    }

    public void PublishObservation(int seed, RosTime stamp, double[] arm)
    {
        using var _ = _publishing.EnterScope();
        PublishJoints(stamp, arm);
        var (front, wrist) = Frames(seed);
        var bgr = (byte[])front.Clone();
        for (var i = 0; i < bgr.Length; i += 3)
            (bgr[i], bgr[i + 2]) = (bgr[i + 2], bgr[i]);
        _front.Publish(new Image { Header = { Stamp = ToTime(stamp), FrameId = "front" }, Encoding = "bgr8", Width = FrontWidth, Height = FrontHeight, Step = FrontWidth * 3, Data = bgr });
        _wrist.Publish(new Image { Header = { Stamp = ToTime(stamp), FrameId = "wrist" }, Encoding = "rgb8", Width = 16, Height = 16, Step = 48, Data = wrist });
    }

    private void StreamJoints()
    {
        using var _ = _publishing.EnterScope();
        PublishJoints(RosClock.SystemNow, ArmPositions);
    }

    private void PublishJoints(RosTime stamp, double[] arm) =>
        _joints.Publish(new JointState
        {
            Header = { Stamp = ToTime(stamp) },
            Name = [.. ControllerHarness.ArmJoints, "panda_finger_joint1", "panda_finger_joint2"],
            Position = [.. arm, 0.04, 0.04],
        });

    private static Time ToTime(RosTime t) => new() { Sec = t.Seconds, Nanosec = t.NanosecondsPart };

    public void Dispose()
    {
        _jointStream.Dispose();
        _node.Dispose();
        _context.Dispose();
    }
}
