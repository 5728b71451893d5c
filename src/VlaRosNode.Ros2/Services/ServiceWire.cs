using System.Buffers;
using System.Buffers.Binary;
using VlaRosNode.Messages;
using VlaRosNode.Messages.Cdr;

namespace VlaRosNode.Ros2.Services;

/// <summary>Who asked: rmw_cyclonedds's request header (<c>cdds_request_header_t</c>): the client's 64-bit id and the
/// request's sequence number. The server copies it into the reply, so clients pick out their own replies.</summary>
public readonly record struct RequestId(ulong ClientId, long Sequence);

/// <summary>How rmw_cyclonedds_cpp puts services on DDS: topics <c>rq/&lt;service&gt;Request</c> and
/// <c>rr/&lt;service&gt;Reply</c>, each sample the CDR of the request or response preceded by the 16-byte request
/// header (uint64 client id, int64 sequence), right after the encapsulation header. 16 keeps the body 8-aligned, so
/// the body's bytes are exactly those of the message alone.</summary>
internal static class ServiceWire
{
    public const int HeaderSize = 16;

    public static string RequestTopic(string service) => "rq" + service + "Request";

    public static string ReplyTopic(string service) => "rr" + service + "Reply";

    /// <summary>The USER_DATA key rmw_cyclonedds gives a client's request writer and reply reader, so a service can
    /// tell whether it already sees the reader its reply must reach.</summary>
    public static string ClientIdEntry(byte[] id) => $"clientid={Convert.ToHexString(id).ToLowerInvariant()};";

    /// <summary>The value of <c>key=</c> in rmw's <c>key=value;</c> USER_DATA, or null.</summary>
    public static string? UserDataValue(string userData, string key)
    {
        foreach (var pair in userData.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0 && pair.AsSpan(0, eq).Trim().SequenceEqual(key))
                return pair[(eq + 1)..];
        }
        return null;
    }

    public static int Size(IRosMessage message) => message.GetSerializedSize() + HeaderSize;

    /// <summary>Writes encapsulation header, request header, body into <paramref name="destination"/> (exactly <see cref="Size"/> bytes).</summary>
    public static void Write(Span<byte> destination, RequestId id, IRosMessage message)
    {
        // Serialise the message after room for the request header, then move its encapsulation header to the front.
        message.Serialize(destination[HeaderSize..]);
        destination.Slice(HeaderSize, CdrLayout.HeaderSize).CopyTo(destination);
        var little = destination[1] == 1;
        var header = destination.Slice(CdrLayout.HeaderSize, HeaderSize);
        if (little)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(header, id.ClientId);
            BinaryPrimitives.WriteInt64LittleEndian(header[8..], id.Sequence);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(header, id.ClientId);
            BinaryPrimitives.WriteInt64BigEndian(header[8..], id.Sequence);
        }
    }

    /// <summary>Splits a received sample into its request header and decoded body; bad input is a <see cref="CdrException"/>.</summary>
    public static (RequestId Id, T Message) Read<T>(ReadOnlySpan<byte> payload) where T : class, IRosMessage<T>, new()
    {
        if (payload.Length < CdrLayout.HeaderSize + HeaderSize)
            throw new CdrException("request header", payload.Length, $"a {T.Info.RosName} sample needs {CdrLayout.HeaderSize + HeaderSize} bytes of encapsulation and request header");
        var header = payload.Slice(CdrLayout.HeaderSize, HeaderSize);
        var id = payload[1] == 1
            ? new RequestId(BinaryPrimitives.ReadUInt64LittleEndian(header), BinaryPrimitives.ReadInt64LittleEndian(header[8..]))
            : new RequestId(BinaryPrimitives.ReadUInt64BigEndian(header), BinaryPrimitives.ReadInt64BigEndian(header[8..]));
        var bodyLength = payload.Length - HeaderSize;
        var buffer = ArrayPool<byte>.Shared.Rent(bodyLength);
        try
        {
            payload[..CdrLayout.HeaderSize].CopyTo(buffer);
            payload[(CdrLayout.HeaderSize + HeaderSize)..].CopyTo(buffer.AsSpan(CdrLayout.HeaderSize));
            return (id, T.Deserialize(buffer.AsSpan(0, bodyLength)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
