using VlaRosNode.Messages.Text;
using VlaRosNode.Messages.TrajectoryMsgs;

namespace VlaRosNode.Messages.Tests;

public class YamlTests
{
    [Test]
    public void EchoLooksLikeRos2TopicEcho()
    {
        var trajectory = SampleMessages.JointTrajectory();
        trajectory.Points[1].Accelerations = [double.NaN, double.NegativeInfinity];
        Assert.That(MessageYaml.Format(trajectory), Is.EqualTo("""
            header:
              stamp:
                sec: 1700000000
                nanosec: 123456789
              frame_id: ''
            joint_names:
            - shoulder
            - elbow
            points:
            - positions:
              - 0.1
              - 0.2
              velocities: []
              accelerations: []
              effort: []
              time_from_start:
                sec: 0
                nanosec: 100000000
            - positions:
              - 0.3
              - 0.4
              velocities:
              - 0.0
              - 0.0
              accelerations:
              - .nan
              - -.inf
              effort: []
              time_from_start:
                sec: 1
                nanosec: 0

            """));
    }

    [Test]
    public void EchoQuotesStringsThatWouldReadAsSomethingElse()
    {
        var text = MessageYaml.Format(new SensorMsgs.JointState { Name = ["true", "1.5", "a: b", "it's", "plain", "grüße", "line\nbreak"] });
        Assert.That(text, Does.Contain("""
            name:
            - 'true'
            - '1.5'
            - 'a: b'
            - it's
            - plain
            - grüße
            - "line\nbreak"
            """));
    }

    [Test]
    public void ArrayLimitTruncatesLongArrays()
    {
        var text = MessageYaml.Format(SampleMessages.Image(640, 480), arrayLimit: 2);
        Assert.That(text, Does.EndWith("data:\n- 0\n- 31\n- '...'\n"));
    }

    [Test]
    public void PubYamlBuildsTheMessageAndEchoReadsBack()
    {
        var text = "{header: {frame_id: base}, joint_names: [a, b], points: [{positions: [1, .nan], time_from_start: {sec: 2}}]}";
        var trajectory = MessageYaml.Parse<JointTrajectory>(text);
        Assert.Multiple(() =>
        {
            Assert.That(trajectory.Header.FrameId, Is.EqualTo("base"));
            Assert.That(trajectory.JointNames, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(trajectory.Points[0].Positions[0], Is.EqualTo(1.0));
            Assert.That(trajectory.Points[0].Positions[1], Is.NaN);
            Assert.That(trajectory.Points[0].TimeFromStart.Sec, Is.EqualTo(2));
        });
        var original = SampleMessages.JointTrajectory();
        var reparsed = MessageYaml.Parse(JointTrajectory.Info, MessageYaml.Format(original));
        Assert.That(CdrTestBytes.Encode(reparsed), Is.EqualTo(CdrTestBytes.Encode(original)));
    }

    [Test]
    public void FixedArrayNeedsItsExactLength() =>
        Assert.That(() => MessageYaml.Parse<SensorMsgs.CameraInfo>("{k: [1, 2, 3]}"),
            Throws.TypeOf<MessageValueException>().With.Message.EqualTo("field 'k': needs exactly 9 values, got 3"));

    [TestCase("{nope: 1}", "nope")]
    [TestCase("{header: {stamp: {sec: 1.5}}}", "header.stamp.sec")]
    [TestCase("{header: {stamp: {nanosec: -1}}}", "header.stamp.nanosec")]
    [TestCase("{joint_names: a}", "joint_names")]
    [TestCase("{points: [{positions: [x]}]}", "points[0].positions[0]")]
    [TestCase("[1, 2]", "")]
    [TestCase("{points: [{positions: [1]}, {time_from_start: {sec: x}}]}", "points[1].time_from_start.sec")]
    [TestCase("{a: [", "")]
    public void BadPubYamlNamesTheField(string yaml, string field) =>
        Assert.That(() => MessageYaml.Parse<JointTrajectory>(yaml),
            Throws.TypeOf<MessageValueException>().With.Property(nameof(MessageValueException.Field)).EqualTo(field));
}
