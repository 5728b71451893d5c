using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;

namespace VlaRosNode.Messages.Tests;

/// <summary>Deserialize(payload, reuse): same result as a fresh decode, without allocating for same-shaped messages.</summary>
public class ReuseDecodeTests
{
    [Test]
    public void DecodingIntoAnotherMessageGivesTheSameResultAsAFreshDecode()
    {
        var first = CdrTestBytes.Encode(SampleMessages.JointTrajectory());
        var other = SampleMessages.JointTrajectory();
        other.JointNames = ["x", "elbow", "shoulder"];
        other.Points = [other.Points[1]];
        other.Points[0].Positions = [9, 9, 9, 9];
        var second = CdrTestBytes.Encode(other);

        var reused = JointTrajectory.Deserialize(first);
        Assert.That(JointTrajectory.Deserialize(second, reused), Is.SameAs(reused));
        Assert.That(CdrTestBytes.Encode(reused), Is.EqualTo(second));
        JointTrajectory.Deserialize(first, reused);
        Assert.That(CdrTestBytes.Encode(reused), Is.EqualTo(first));
    }

    [Test]
    public void SameShapedMessagesDecodeWithoutAllocating()
    {
        var state = SampleMessages.JointState();
        var image = SampleMessages.Image(640, 480);
        var statePayload = CdrTestBytes.Encode(state);
        var imagePayload = CdrTestBytes.Encode(image);
        var stateTarget = JointState.Deserialize(statePayload);
        var imageTarget = Image.Deserialize(imagePayload);
        var imageData = imageTarget.Data;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            JointState.Deserialize(statePayload, stateTarget);
            Image.Deserialize(imagePayload, imageTarget);
        }
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(imageTarget.Data, Is.SameAs(imageData));
        Assert.That(stateTarget.Position, Is.EqualTo(state.Position));
    }
}
