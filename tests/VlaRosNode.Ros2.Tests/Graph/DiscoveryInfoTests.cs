using VlaRosNode.Messages.RmwDdsCommon;
using VlaRosNode.Ros2.Graph;

namespace VlaRosNode.Ros2.Tests.Graph;

public sealed class DiscoveryInfoTests
{
    private static readonly byte[] Participant = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];
    private static readonly byte[] Reader = [.. Enumerable.Range(101, 16).Select(i => (byte)i)];
    private static readonly byte[] Writer = [.. Enumerable.Range(201, 16).Select(i => (byte)i)];
    private static readonly NodeEntities[] Nodes = [new("/arm", "policy", [Reader], [Writer, Reader]), new("/", "camera", [], [])];

    [Test]
    public void HumbleEncodingIsWhatTheGeneratedParticipantEntitiesInfoDecodes()
    {
        var bytes = Encode(24);
        var decoded = ParticipantEntitiesInfo.Deserialize(bytes);
        Assert.That(decoded.Gid.Data, Is.EqualTo(Participant.Concat(new byte[8])));
        Assert.That(decoded.NodeEntitiesInfoSeq.Select(n => (n.NodeNamespace, n.NodeName)), Is.EqualTo(new[] { ("/arm", "policy"), ("/", "camera") }));
        Assert.That(decoded.NodeEntitiesInfoSeq[0].ReaderGidSeq.Single().Data.Take(16), Is.EqualTo(Reader));
        Assert.That(decoded.NodeEntitiesInfoSeq[0].WriterGidSeq.Select(g => g.Data.Take(16).ToArray()), Is.EqualTo(new[] { Writer, Reader }));
    }

    [Test]
    public void IronAndLaterUseSixteenByteGids()
    {
        Assert.That(RosDistro.GidSize("humble"), Is.EqualTo(24));
        Assert.That(RosDistro.GidSize("jazzy"), Is.EqualTo(16));
        var bytes = Encode(16);
        // header, gid[16], node count, then "/arm": length 5 at offset 4+16+4.
        Assert.That(bytes.AsSpan(4, 16).ToArray(), Is.EqualTo(Participant));
        Assert.That(BitConverter.ToUInt32(bytes, 20), Is.EqualTo(2));
        Assert.That(BitConverter.ToUInt32(bytes, 24), Is.EqualTo(5));
        Assert.That(bytes.Length, Is.EqualTo(Encode(24).Length - 8 * 4), "four gids, eight bytes shorter each");
    }

    private static byte[] Encode(int gidSize)
    {
        var bytes = new byte[DiscoveryInfo.Size(Nodes, gidSize)];
        DiscoveryInfo.Write(bytes, Participant, Nodes, gidSize);
        return bytes;
    }
}
