using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.GeometryMsgs;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;

namespace VlaRosNode.Messages.Tests;

public class RoundTripTests
{
    [Test]
    public void StringHelloMatchesTheWorkedExample()
    {
        var bytes = CdrTestBytes.Encode(new StdMsgs.String { Data = "hello" });
        Assert.That(bytes, Is.EqualTo(CdrTestBytes.Hex("00 01 00 00 06 00 00 00 68 65 6c 6c 6f 00")));
        Assert.That(StdMsgs.String.Deserialize(bytes).Data, Is.EqualTo("hello"));
    }

    [Test]
    public void EmptyStringIsLengthOneAndNul()
    {
        var bytes = CdrTestBytes.Encode(new StdMsgs.String());
        Assert.That(bytes, Is.EqualTo(CdrTestBytes.Hex("00 01 00 00 01 00 00 00 00")));
    }

    [Test]
    public void Float64SequenceIsAlignedToEightCountedFromAfterTheHeader()
    {
        // count at body offset 0, then 4 bytes of padding so the first double sits at body offset 8
        var bytes = CdrTestBytes.Encode(new JointTrajectoryPoint { Positions = [1.0] });
        Assert.That(bytes[..20], Is.EqualTo(CdrTestBytes.Hex("00 01 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 f0 3f")));
    }

    [Test]
    public void EmptySequenceAddsNoAlignmentPadding()
    {
        // four empty float64[] counts back to back, then Duration: no padding anywhere
        var bytes = CdrTestBytes.Encode(new JointTrajectoryPoint { TimeFromStart = new Duration { Sec = 2, Nanosec = 3 } });
        Assert.That(bytes, Is.EqualTo(CdrTestBytes.Hex("00 01 00 00" + string.Concat(Enumerable.Repeat("00 00 00 00", 4)) + "02 00 00 00 03 00 00 00")));
    }

    [TestCaseSource(typeof(SampleMessages), nameof(SampleMessages.All))]
    public void EverySampleSurvivesEncodeDecodeEncode(IRosMessage message)
    {
        var bytes = CdrTestBytes.Encode(message);
        var decoded = message.TypeInfo.Decode(bytes);
        Assert.That(decoded.GetType(), Is.EqualTo(message.GetType()));
        Assert.That(CdrTestBytes.Encode(decoded), Is.EqualTo(bytes));
        Assert.That(decoded.ToString(), Is.EqualTo(message.ToString()));
    }

    [Test]
    public void DecodedJointStateHasTheOriginalValues()
    {
        var original = SampleMessages.JointState();
        var decoded = JointState.Deserialize(CdrTestBytes.Encode(original));
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Header.Stamp.Sec, Is.EqualTo(original.Header.Stamp.Sec));
            Assert.That(decoded.Header.Stamp.Nanosec, Is.EqualTo(original.Header.Stamp.Nanosec));
            Assert.That(decoded.Header.FrameId, Is.EqualTo("base_link"));
            Assert.That(decoded.Name, Is.EqualTo(original.Name));
            Assert.That(decoded.Position, Is.EqualTo(original.Position));
            Assert.That(decoded.Velocity, Is.EqualTo(original.Velocity));
            Assert.That(decoded.Effort, Is.Empty);
        });
    }

    [Test]
    public void ReadsBigEndianPayloads()
    {
        var vector = Vector3.Deserialize(CdrTestBytes.Hex("00 00 00 00 3ff0000000000000 4000000000000000 4008000000000000"));
        Assert.That((vector.X, vector.Y, vector.Z), Is.EqualTo((1.0, 2.0, 3.0)));

        var point = JointTrajectoryPoint.Deserialize(CdrTestBytes.Hex(
            "00 00 00 00  00000002 00000000 3ff0000000000000 c000000000000000  00000000 00000000 00000000  00000005 00000006"));
        Assert.That(point.Positions, Is.EqualTo(new[] { 1.0, -2.0 }));
        Assert.That((point.TimeFromStart.Sec, point.TimeFromStart.Nanosec), Is.EqualTo((5, 6u)));
    }

    [Test]
    public void ToleratesTrailingPadding()
    {
        var bytes = CdrTestBytes.Encode(new StdMsgs.String { Data = "hello" }).Concat(new byte[] { 0, 0 }).ToArray();
        Assert.That(StdMsgs.String.Deserialize(bytes).Data, Is.EqualTo("hello"));
    }

    [Test]
    public void DefaultsComeFromTheMsgFilesAndAreNeverNull()
    {
        var info = new CameraInfo();
        Assert.Multiple(() =>
        {
            Assert.That(new Quaternion().W, Is.EqualTo(1.0));
            Assert.That(new Quaternion().X, Is.EqualTo(0.0));
            Assert.That(info.K, Has.Length.EqualTo(9));
            Assert.That(info.P, Has.Length.EqualTo(12));
            Assert.That(info.D, Is.Empty);
            Assert.That(info.DistortionModel, Is.EqualTo(""));
            Assert.That(info.Roi, Is.Not.Null);
            Assert.That(new RmwDdsCommon.Gid().Data, Has.Length.EqualTo(24));
            Assert.That(DiagnosticMsgs.DiagnosticStatus.STALE, Is.EqualTo((byte)3));
        });
    }

    [Test]
    public void SerialisingIntoACallerBufferAllocatesNothing()
    {
        var state = SampleMessages.JointState();
        var image = SampleMessages.Image(640, 480);
        var buffer = new byte[image.GetSerializedSize()];
        state.Serialize(buffer); // warm up (JIT, statics)
        image.Serialize(buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            state.Serialize(buffer.AsSpan(0, state.GetSerializedSize()));
            image.Serialize(buffer);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
