using VlaRosNode.Messages.RmwDdsCommon;
using VlaRosNode.Messages.SensorMsgs;

namespace VlaRosNode.Messages.Tests;

public class SizeLimitTests
{
    [Test]
    public void FixedSizeArrayOfWrongLengthIsRefusedAtSerialise()
    {
        var info = new CameraInfo { K = new double[8] };
        Assert.That(() => info.Serialize(new byte[1024]),
            Throws.ArgumentException.With.Message.Contains("'k' is a fixed-size array of 9 elements, got 8"));
    }

    [Test]
    public void BoundedStringOverItsBoundIsRefusedAtSerialise()
    {
        var node = new NodeEntitiesInfo { NodeName = new string('n', 257) };
        Assert.That(() => node.Serialize(new byte[1024]), Throws.ArgumentException.With.Message.Contains("'node_name' is a string<=256"));
        node.NodeName = new string('n', 256);
        Assert.That(NodeEntitiesInfo.Deserialize(CdrTestBytes.Encode(node)).NodeName, Has.Length.EqualTo(256));
    }

    [Test]
    public void BoundedStringOverItsBoundIsRefusedAtDecode()
    {
        var bytes = CdrTestBytes.Encode(new StdMsgs.String { Data = new string('n', 300) });
        // String and NodeEntitiesInfo both start with a string; NodeEntitiesInfo bounds it to 256 bytes.
        Assert.That(() => NodeEntitiesInfo.Deserialize(bytes),
            Throws.TypeOf<CdrException>().With.Property(nameof(CdrException.Field)).EqualTo("node_namespace"));
    }

    [Test]
    public void FixedArrayIsReadWithoutACount()
    {
        var gid = new Gid { Data = Enumerable.Range(0, 24).Select(i => (byte)i).ToArray() };
        var bytes = CdrTestBytes.Encode(gid);
        Assert.That(bytes, Has.Length.EqualTo(4 + 24));
        Assert.That(Gid.Deserialize(bytes).Data, Is.EqualTo(gid.Data));
        Assert.That(() => Gid.Deserialize(bytes[..20]), Throws.TypeOf<CdrException>().With.Property(nameof(CdrException.Field)).EqualTo("data"));
    }

    [Test]
    public void TooSmallDestinationIsAnArgumentException()
    {
        var state = SampleMessages.JointState();
        Assert.That(() => state.Serialize(new byte[state.GetSerializedSize() - 1]), Throws.ArgumentException.With.Message.Contains("too small"));
    }
}
