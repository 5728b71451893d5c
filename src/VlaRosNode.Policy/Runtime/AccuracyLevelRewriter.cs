using System.Text;

namespace VlaRosNode.Policy.Runtime;

/// <summary>
/// Sets the <c>accuracy_level</c> attribute of every <c>com.microsoft MatMulNBits</c> node of a serialised ONNX model,
/// so one int4 file serves several activation precisions (0/1 = fp32 activations, 4 = int8 activations over the same
/// packed weights). ONNX Runtime only exposes that choice as a session option for graphs it fuses from
/// DequantizeLinear + MatMul, not for MatMulNBits nodes already in the file, hence this rewrite of the bytes before
/// the session is made. It walks the protobuf wire format (ModelProto.graph = 7, GraphProto.node = 1,
/// NodeProto.op_type = 4 / attribute = 5, AttributeProto.name = 1 / i = 3 / type = 20) and copies every other field
/// untouched, so the runtime needs no protobuf library. Nodes inside subgraphs (If/Loop bodies) are not visited.
/// </summary>
public static class AccuracyLevelRewriter
{
    private const int ModelGraph = 7, GraphNode = 1, NodeOpType = 4, NodeAttribute = 5;
    private const int AttributeName = 1, AttributeInt = 3, AttributeType = 20, AttributeTypeInt = 2;
    private const string OpType = "MatMulNBits", Attribute = "accuracy_level";

    /// <summary>A copy of <paramref name="model"/> with every MatMulNBits node at <paramref name="level"/>; throws
    /// <see cref="FormatException"/> when the bytes are not a model or it has no MatMulNBits node.</summary>
    public static byte[] Rewrite(ReadOnlySpan<byte> model, int level, out int nodes)
    {
        if (level is < 0 or > 4)
            throw new ArgumentOutOfRangeException(nameof(level), $"accuracy_level {level}: MatMulNBits takes 0 to 4");
        var count = 0;
        var output = new MemoryStream(model.Length + 256);
        Copy(model, output, (field, value, into) =>
        {
            if (field != ModelGraph)
                return false;
            WriteMessage(into, field, value, (f, v, o) => f == GraphNode && RewriteNode(f, v, o, level, ref count));
            return true;
        });
        if (count == 0)
            throw new FormatException("the model has no MatMulNBits node whose accuracy_level could be set (is it an int4 MatMulNBits variant?)");
        nodes = count;
        return output.ToArray();
    }

    private delegate bool FieldHandler(int field, ReadOnlySpan<byte> value, Stream into);

    private static bool RewriteNode(int field, ReadOnlySpan<byte> node, Stream into, int level, ref int count)
    {
        if (!IsMatMulNBits(node))
            return false;
        count++;
        WriteMessage(into, field, node, (f, v, o) => f == NodeAttribute && IsAccuracyLevel(v), append: o =>
        {
            var attribute = new MemoryStream();
            WriteBytes(attribute, AttributeName, Encoding.UTF8.GetBytes(Attribute));
            WriteTag(attribute, AttributeInt, 0);
            WriteVarint(attribute, (ulong)level);
            WriteTag(attribute, AttributeType, 0);
            WriteVarint(attribute, AttributeTypeInt);
            WriteBytes(o, NodeAttribute, attribute.ToArray());
        });
        return true;
    }

    private static bool IsMatMulNBits(ReadOnlySpan<byte> node)
    {
        var found = false;
        Scan(node, (field, value) => found |= field == NodeOpType && value.SequenceEqual(Encoding.ASCII.GetBytes(OpType)));
        return found;
    }

    private static bool IsAccuracyLevel(ReadOnlySpan<byte> attribute)
    {
        var found = false;
        Scan(attribute, (field, value) => found |= field == AttributeName && value.SequenceEqual(Encoding.ASCII.GetBytes(Attribute)));
        return found;
    }

    private delegate void FieldVisitor(int field, ReadOnlySpan<byte> value);

    /// <summary>Visits the length-delimited fields of a message (other wire types are skipped).</summary>
    private static void Scan(ReadOnlySpan<byte> message, FieldVisitor visit)
    {
        var at = 0;
        while (at < message.Length)
        {
            var (field, wire, start, end) = Next(message, ref at);
            if (wire == 2)
                visit(field, message[start..end]);
        }
    }

    /// <summary>Re-emits <paramref name="message"/> as field <paramref name="field"/> of its parent: each field the
    /// handler does not write itself is copied as it was; <paramref name="append"/> adds fields at the end.</summary>
    private static void WriteMessage(Stream into, int field, ReadOnlySpan<byte> message, FieldHandler handler, Action<Stream>? append = null)
    {
        var body = new MemoryStream(message.Length + 64);
        Copy(message, body, handler);
        append?.Invoke(body);
        WriteTag(into, field, 2);
        WriteVarint(into, (ulong)body.Length);
        body.Position = 0;
        body.CopyTo(into);
    }

    private static void Copy(ReadOnlySpan<byte> message, Stream into, FieldHandler handler)
    {
        var at = 0;
        while (at < message.Length)
        {
            var begin = at;
            var (field, wire, start, end) = Next(message, ref at);
            if (wire == 2 && handler(field, message[start..end], into))
                continue;
            into.Write(message[begin..at]);
        }
    }

    /// <summary>Reads one field at <paramref name="at"/>: its number, wire type and value range; advances past it.</summary>
    private static (int Field, int Wire, int Start, int End) Next(ReadOnlySpan<byte> data, ref int at)
    {
        var tag = ReadVarint(data, ref at);
        var field = (int)(tag >> 3);
        var wire = (int)(tag & 7);
        if (field == 0)
            throw new FormatException($"protobuf field number 0 at byte {at}");
        var start = at;
        switch (wire)
        {
            case 0:
                ReadVarint(data, ref at);
                break;
            case 1:
                at += 8;
                break;
            case 5:
                at += 4;
                break;
            case 2:
                var length = ReadVarint(data, ref at);
                if (length > (ulong)(data.Length - at))
                    throw new FormatException($"protobuf field {field} at byte {at} claims {length} bytes; {data.Length - at} remain");
                start = at;
                at += (int)length;
                break;
            default:
                throw new FormatException($"protobuf wire type {wire} (field {field}) at byte {at} is not used by ONNX");
        }
        if (at > data.Length)
            throw new FormatException($"protobuf field {field} runs past the end ({data.Length} bytes)");
        return (field, wire, start, at);
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length)
                throw new FormatException($"protobuf varint runs past the end ({data.Length} bytes)");
            var b = data[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
                return value;
        }
        throw new FormatException($"protobuf varint longer than 10 bytes before byte {at}");
    }

    private static void WriteTag(Stream into, int field, int wire) => WriteVarint(into, (ulong)((field << 3) | wire));

    private static void WriteBytes(Stream into, int field, ReadOnlySpan<byte> value)
    {
        WriteTag(into, field, 2);
        WriteVarint(into, (ulong)value.Length);
        into.Write(value);
    }

    private static void WriteVarint(Stream into, ulong value)
    {
        while (value >= 0x80)
        {
            into.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        into.WriteByte((byte)value);
    }
}
