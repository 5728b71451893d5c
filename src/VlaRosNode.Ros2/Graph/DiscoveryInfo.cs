using VlaRosNode.Messages.Cdr;

namespace VlaRosNode.Ros2.Graph;

/// <summary>One node as <c>ros_discovery_info</c> lists it.</summary>
internal sealed record NodeEntities(string Namespace, string Name, IReadOnlyList<byte[]> ReaderGids, IReadOnlyList<byte[]> WriterGids);

/// <summary>Encodes <c>rmw_dds_common/msg/ParticipantEntitiesInfo</c> with the Gid size of the chosen distro.
/// The generated type fixes Gid at Humble's 24 bytes; Iron and later send 16, so this writer takes the size
/// (the Humble encoding is checked against the generated decoder in the tests).</summary>
internal static class DiscoveryInfo
{
    public const string Topic = "ros_discovery_info";
    public const string DdsType = "rmw_dds_common::msg::dds_::ParticipantEntitiesInfo_";

    /// <summary>Reliable, transient-local, keep last 1: what rmw uses, so late joiners get the current picture.</summary>
    public static readonly QosProfile Qos = new(Reliability.Reliable, Durability.TransientLocal, History.KeepLast, 1);

    public static int Size(IReadOnlyList<NodeEntities> nodes, int gidSize)
    {
        var o = CdrSize.Block<byte>(0, gidSize);
        o = CdrSize.Primitive<uint>(o);
        foreach (var n in nodes)
        {
            o = CdrSize.String(o, n.Namespace);
            o = CdrSize.String(o, n.Name);
            o = CdrSize.Primitive<uint>(o) + n.ReaderGids.Count * gidSize;
            o = CdrSize.Primitive<uint>(o) + n.WriterGids.Count * gidSize;
        }
        return CdrLayout.HeaderSize + o;
    }

    public static void Write(Span<byte> destination, byte[] participantGid, IReadOnlyList<NodeEntities> nodes, int gidSize)
    {
        var w = new CdrWriter(destination);
        WriteGid(ref w, participantGid, gidSize);
        w.WriteCount(nodes.Count, "node_entities_info_seq");
        foreach (var n in nodes)
        {
            w.WriteString(n.Namespace, "node_namespace", 256);
            w.WriteString(n.Name, "node_name", 256);
            w.WriteCount(n.ReaderGids.Count, "reader_gid_seq");
            foreach (var gid in n.ReaderGids)
                WriteGid(ref w, gid, gidSize);
            w.WriteCount(n.WriterGids.Count, "writer_gid_seq");
            foreach (var gid in n.WriterGids)
                WriteGid(ref w, gid, gidSize);
        }
    }

    /// <summary>A DDS GUID is 16 bytes; rmw copies it into the Gid and zero-fills the rest.</summary>
    private static void WriteGid(ref CdrWriter w, byte[] guid, int gidSize)
    {
        var copied = Math.Min(guid.Length, gidSize);
        w.WriteBlock<byte>(guid.AsSpan(0, copied));
        for (var i = copied; i < gidSize; i++)
            w.Write<byte>(0);
    }
}
