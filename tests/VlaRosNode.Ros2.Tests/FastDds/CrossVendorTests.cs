using System.Collections.Concurrent;
using System.Diagnostics;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Ros2.Dds;

namespace VlaRosNode.Ros2.Tests.FastDds;

/// <summary>Our node (Cyclone) against an eProsima Fast DDS program (what rmw_fastrtps uses) built from the IDL our
/// IdlWriter writes: JointState and Image from Fast DDS to us, JointTrajectory from us to Fast DDS, values exact.</summary>
[NonParallelizable]
public sealed class CrossVendorTests
{
    private RosContext _context = null!;
    private Node _node = null!;
    private Process _peer = null!;
    private readonly BlockingCollection<string> _peerLines = [];
    private readonly ConcurrentQueue<JointState> _jointStates = new();
    private readonly ConcurrentQueue<Image> _images = new();
    private Publisher<JointTrajectory> _trajectories = null!;

    [OneTimeSetUp]
    public void StartFastDdsPeer()
    {
        var executable = FastDdsPeerBuild.Executable();
        var domain = TestDomain.Next();
        _context = RosContext.Create([], new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback, LogOutput = TextWriter.Null });
        _node = _context.CreateNode("cross_vendor");
        var joints = _node.CreateSubscription<JointState>("/vendor/joint_states", _jointStates.Enqueue);
        var images = _node.CreateSubscription<Image>("/vendor/image", _images.Enqueue);
        _trajectories = _node.CreatePublisher<JointTrajectory>("/vendor/joint_trajectory");
        _node.StartSpinning();

        var info = new ProcessStartInfo(executable, domain.ToString()) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        _peer = Process.Start(info)!;
        _peer.OutputDataReceived += (_, e) => { if (e.Data is not null) _peerLines.Add(e.Data); };
        _peer.ErrorDataReceived += (_, e) => { if (e.Data is not null) _peerLines.Add("stderr: " + e.Data); };
        _peer.BeginOutputReadLine();
        _peer.BeginErrorReadLine();
        Assert.That(NextPeerLine(), Is.EqualTo("ready"));
        Wait.Until(() => joints.PublisherCount == 1 && images.PublisherCount == 1, "our subscriptions to match the Fast DDS writers");
        _peer.StandardInput.WriteLine("go");
        _peer.StandardInput.Flush();
        Assert.That(NextPeerLine(), Is.EqualTo("published"));
    }

    [OneTimeTearDown]
    public void StopPeer()
    {
        _trajectories.Dispose();
        _node.Dispose();
        _context.Dispose();
        if (!_peer.HasExited)
            _peer.Kill();
        _peer.Dispose();
        _peerLines.Dispose();
    }

    [Test]
    public void JointStatesFromFastDdsArriveWithExactValues()
    {
        Wait.Until(() => _jointStates.Count >= 3, "three JointState messages from Fast DDS");
        var messages = _jointStates.ToArray();
        for (var k = 0; k < 3; k++)
        {
            var m = messages[k];
            Assert.That((m.Header.Stamp.Sec, m.Header.Stamp.Nanosec, m.Header.FrameId), Is.EqualTo((100 + k, 5u + (uint)k, "fast_base")));
            Assert.That(m.Name, Is.EqualTo(new[] { "joint_a", "joint_b", "joint_c" }));
            Assert.That(m.Position, Is.EqualTo(new[] { 0.5 * k, -1.25, 3.0625 }));
            Assert.That(m.Velocity, Is.EqualTo(new[] { 1e-3, -2.5e10, 0.0 }));
            Assert.That(m.Effort, Is.Empty);
        }
    }

    [Test]
    public void ImageFromFastDdsArrivesWithEveryPixel()
    {
        Wait.Until(() => !_images.IsEmpty, "the 640x480 image from Fast DDS");
        _images.TryPeek(out var image);
        Assert.That((image!.Header.FrameId, image.Height, image.Width, image.Encoding, image.IsBigendian, image.Step), Is.EqualTo(("fast_camera", 480u, 640u, "rgb8", (byte)0, 1920u)));
        var expected = Enumerable.Range(0, 640 * 480 * 3).Select(i => (byte)((i * 7L + 3) % 251)).ToArray();
        Assert.That(image.Data.AsSpan().SequenceEqual(expected), Is.True);
    }

    [Test]
    public void JointTrajectoryReachesFastDdsWithExactValues()
    {
        Wait.Until(() => _trajectories.SubscriptionCount == 1, "the Fast DDS subscription to match");
        var trajectory = new JointTrajectory { JointNames = ["j1", "j2"] };
        trajectory.Header.FrameId = "ours";
        trajectory.Points =
        [
            new JointTrajectoryPoint { Positions = [0.1, -2.0 / 3.0], TimeFromStart = { Sec = 0, Nanosec = 100_000_000 } },
            new JointTrajectoryPoint { Positions = [Math.PI, 1e-300], TimeFromStart = { Sec = 1, Nanosec = 5 } },
        ];
        _trajectories.Publish(trajectory);
        // The peer prints doubles with 17 significant digits: enough to round-trip every bit.
        var line = NextPeerLine();
        Assert.That(line, Is.EqualTo($"trajectory frame=ours j1 j2 | {G17(0.1)} {G17(-2.0 / 3.0)} t=0.100000000 | {G17(Math.PI)} {G17(1e-300)} t=1.000000005"));
        var printed = line!.Split(' ').Where(t => double.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out _)).Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.That(printed, Is.EqualTo(new[] { 0.1, -2.0 / 3.0, Math.PI, 1e-300 }));
    }

    private static string G17(double value) => value.ToString("G17", System.Globalization.CultureInfo.InvariantCulture).Replace("E-", "e-").Replace("E+", "e+");

    private string? NextPeerLine() => _peerLines.TryTake(out var line, TimeSpan.FromSeconds(60)) ? line : null;
}
