using System.Buffers.Binary;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;

namespace VlaRosNode.Messages.Tests;

/// <summary>Malformed payloads each give one <see cref="CdrException"/> naming the field and byte offset.</summary>
public class BadInputTests
{
    private static CdrException DecodeFails<T>(byte[] payload) where T : class, IRosMessage<T>, new()
    {
        var error = Assert.Throws<CdrException>(() => T.Deserialize(payload))!;
        Assert.That(error.Offset, Is.InRange(0, payload.Length));
        Assert.That(error.Message, Does.Contain(error.Field).And.Contain($"byte {error.Offset}"));
        return error;
    }

    /// <summary>Offset of the uint32 count or length of the sequence whose first element is the first occurrence of
    /// <paramref name="firstElement"/> (skipping alignment padding between them).</summary>
    private static int CountOffset(byte[] payload, byte[] firstElement, uint expectedCount)
    {
        var offset = payload.AsSpan().IndexOf(firstElement) - 4;
        if (BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(offset)) != expectedCount)
            offset -= 4;
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(offset)), Is.EqualTo(expectedCount), "test setup: count not found");
        return offset;
    }

    [Test]
    public void EveryTruncationFails()
    {
        var payload = CdrTestBytes.Encode(SampleMessages.JointTrajectory());
        for (var length = 0; length < payload.Length; length++)
            Assert.Throws<CdrException>(() => JointTrajectory.Deserialize(payload.AsSpan(0, length)), $"prefix of {length} bytes");
    }

    [Test]
    public void TruncatedFloatArrayNamesItsField()
    {
        var payload = CdrTestBytes.Encode(SampleMessages.JointState());
        var error = DecodeFails<JointState>(payload[..^20]);
        Assert.That(error.Field, Is.EqualTo("velocity"));
        Assert.That(error.Reason, Does.Contain("truncated").Or.Contain("left"));
    }

    [Test]
    public void CountPastTheEndNamesTheFieldAndTheCountsOffset()
    {
        var state = SampleMessages.JointState();
        var payload = CdrTestBytes.Encode(state);
        var offset = CountOffset(payload, BitConverter.GetBytes(state.Velocity[0]), 7);
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(offset), 1000);
        var error = DecodeFails<JointState>(payload);
        Assert.That((error.Field, error.Offset), Is.EqualTo(("velocity", offset)));
        Assert.That(error.Reason, Does.Contain("1000"));
    }

    [TestCase(0x7FFF_FFFFu)]
    [TestCase(0xFFFF_FFFFu)]
    [TestCase(0x1000_0000u)]
    public void HugeCountsFailWithoutAllocatingForThem(uint count)
    {
        var image = SampleMessages.Image(4, 3);
        var payload = CdrTestBytes.Encode(image);
        var offset = payload.Length - image.Data.Length - 4;
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(offset), count);
        DecodeFails<Image>(payload); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = DecodeFails<Image>(payload);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64 * 1024));
        Assert.That((error.Field, error.Offset), Is.EqualTo(("data", offset)));
    }

    [Test]
    public void HugeStringLengthFails()
    {
        var payload = CdrTestBytes.Encode(new StdMsgs.String { Data = "hello" });
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(4), 0xFFFF_FFF0);
        var error = DecodeFails<StdMsgs.String>(payload);
        Assert.That((error.Field, error.Offset), Is.EqualTo(("data", 4)));
    }

    [TestCase("00 02", TestName = "parameter-list CDR big-endian")]
    [TestCase("00 03", TestName = "parameter-list CDR little-endian")]
    [TestCase("00 07", TestName = "XCDR2 little-endian")]
    [TestCase("01 01", TestName = "nonzero high byte")]
    public void UnknownEncapsulationKindFails(string kind)
    {
        var payload = CdrTestBytes.Encode(new StdMsgs.String { Data = "hello" });
        CdrTestBytes.Hex(kind).CopyTo(payload, 0);
        var error = DecodeFails<StdMsgs.String>(payload);
        Assert.That((error.Field, error.Offset), Is.EqualTo(("(encapsulation)", 0)));
        Assert.That(error.Reason, Does.Contain("unknown encapsulation kind"));
    }

    [Test]
    public void ShorterThanTheHeaderFails() =>
        Assert.That(DecodeFails<StdMsgs.String>([0, 1]).Field, Is.EqualTo("(encapsulation)"));

    [Test]
    public void InvalidUtf8NamesTheNestedField()
    {
        var payload = CdrTestBytes.Encode(SampleMessages.JointState());
        var frame = CountOffset(payload, "base_link"u8.ToArray(), 10) + 4;
        payload[frame + 1] = 0xFF;
        payload[frame + 2] = 0xFE;
        var error = DecodeFails<JointState>(payload);
        Assert.That(error.Field, Is.EqualTo("header.frame_id"));
        Assert.That(error.Reason, Does.Contain("UTF-8"));
    }

    [Test]
    public void MissingNulTerminatorFails()
    {
        var payload = CdrTestBytes.Encode(new StdMsgs.String { Data = "hello" });
        payload[^1] = (byte)'!';
        Assert.That(DecodeFails<StdMsgs.String>(payload).Reason, Does.Contain("NUL"));
    }

    [Test]
    public void ErrorsInsideStructArraysNameTheElement()
    {
        var trajectory = SampleMessages.JointTrajectory();
        var payload = CdrTestBytes.Encode(trajectory);
        var offset = CountOffset(payload, BitConverter.GetBytes(trajectory.Points[1].Positions[0]), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(offset), 99);
        var error = DecodeFails<JointTrajectory>(payload);
        Assert.That((error.Field, error.Offset), Is.EqualTo(("points[1].positions", offset)));
    }

    [Test]
    public void FixedArrayReadsExactlyItsLength()
    {
        var payload = CdrTestBytes.Encode(SampleMessages.CameraInfo());
        Assert.That(DecodeFails<CameraInfo>(payload[..^40]).Field, Is.EqualTo("p").Or.StartsWith("roi"));
    }

    [Test]
    public void TrailingDataBeyondPaddingFails()
    {
        var payload = CdrTestBytes.Encode(new StdMsgs.String { Data = "hello" }).Concat(new byte[4]).ToArray();
        Assert.That(DecodeFails<StdMsgs.String>(payload).Field, Is.EqualTo("(end)"));
    }
}
