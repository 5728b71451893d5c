using System.Collections.Concurrent;
using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.VlaRosNode;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Tests;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Nodes.Tests;

/// <summary>The policy node with image_transport compressed on Pillow's JPEGs: good frames command the arm; a corrupt
/// frame is dropped and counted on /vla/status, its camera faulted with the decoder's message, and the node goes on.</summary>
public sealed class CompressedImageNodeTests
{
    [Test]
    public void CorruptJpegIsDroppedCountedAndNamedAndTheNodeGoesOn()
    {
        var dir = ImageDecoderTests.PillowJpegs();
        var good = File.ReadAllBytes(Path.Combine(dir, "s420.jpg"));
        var grey = File.ReadAllBytes(Path.Combine(dir, "grey.jpg"));
        Directory.Delete(dir, true);
        var corrupt = good[..(good.Length / 2)];

        using var context = RosContext.Create(
            ["--ros-args", "-p", $"model_package:={TestPaths.FixtureModel}", "-p", "camera_topics:=[/front/image_raw, /wrist/image_raw]",
             "-p", "instruction:=pick up the black bowl", "-p", "image_transport:=compressed", "-p", "image_qos:=default",
             "-p", "observation_timeout:=10"], // the first inference on a loaded machine can take longer than the default 0.5 s
            new RosContextOptions { InProcess = new InProcessDomain() });
        using var node = PolicyNode.Create(context);
        node.Node.StartSpinning();
        using var robot = context.CreateNode("robot");
        var front = robot.CreatePublisher<CompressedImage>("/front/image_raw/compressed");
        var wrist = robot.CreatePublisher<CompressedImage>("/wrist/image_raw/compressed");
        var joints = robot.CreatePublisher<JointState>("/joint_states");
        var statuses = new ConcurrentQueue<PolicyStatus>();
        robot.CreateSubscription<PolicyStatus>("/vla/status", statuses.Enqueue, QosProfile.Default.WithDepth(100));
        robot.StartSpinning();

        // Both frames, then the joint state: its arrival completes the observation (per-image stepping). Returns the
        // first status after them that <paramref name="expected"/> accepts (statuses of earlier steps may still arrive).
        PolicyStatus Observe(byte[] frontJpeg, Func<PolicyStatus, bool> expected, string what)
        {
            var before = statuses.Count;
            var now = RosClock.SystemNow;
            var stamp = new Time { Sec = now.Seconds, Nanosec = now.NanosecondsPart };
            front.Publish(new CompressedImage { Header = { Stamp = stamp }, Format = "jpeg", Data = frontJpeg });
            wrist.Publish(new CompressedImage { Header = { Stamp = stamp }, Format = "rgb8; jpeg compressed bgr8", Data = grey });
            joints.Publish(new JointState
            {
                Header = { Stamp = stamp },
                Name = [.. ControllerHarness.ArmJoints, "panda_finger_joint1", "panda_finger_joint2"],
                Position = [.. ControllerHarness.Panda.ReadyPose.ToArray(), 0.04, 0.04],
            });
            Wait.Until(() => statuses.Skip(before).Any(expected), what);
            return statuses.Skip(before).First(expected);
        }

        var first = Observe(good, s => s.Commanded, "a commanded step");
        Assert.That(first.ImagesDropped, Is.Zero);

        var bad = Observe(corrupt, s => s.Fault.Contains("JPEG", StringComparison.Ordinal), "the corrupt frame's fault");
        Assert.That(bad.Commanded, Is.False);
        Assert.That(bad.Fault, Does.StartWith("JPEG from '/front/image_raw/compressed': "));
        Assert.That(bad.ImagesDropped, Is.EqualTo(1));

        var after = Observe(good, s => s.Commanded, "commanding again after a good frame");
        Assert.That(after.ImagesDropped, Is.EqualTo(1), "the count stays");
    }
}
