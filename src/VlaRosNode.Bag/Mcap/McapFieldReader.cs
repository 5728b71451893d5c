using System.Buffers.Binary;
using System.Text;

namespace VlaRosNode.Bag.Mcap;

/// <summary>Reads little-endian MCAP fields from one record body, checking every length against what is left,
/// so malformed input ends in a <see cref="BagFormatException"/> with the file offset of the bad field.</summary>
internal ref struct McapFieldReader
{
    private readonly ReadOnlySpan<byte> _body;
    private readonly string _file;
    private readonly long _bodyFileOffset;
    private int _position;

    /// <param name="body">The record body.</param>
    /// <param name="file">File name for errors.</param>
    /// <param name="bodyFileOffset">Where the body starts in the file (or in the decompressed chunk), for errors.</param>
    public McapFieldReader(ReadOnlySpan<byte> body, string file, long bodyFileOffset)
    {
        _body = body;
        _file = file;
        _bodyFileOffset = bodyFileOffset;
    }

    public int Position => _position;

    public int Remaining => _body.Length - _position;

    public byte U8(string field) => Take(1, field)[0];

    public ushort U16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public uint U32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public ulong U64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    public string String(string field)
    {
        var length = U32(field);
        return Encoding.UTF8.GetString(Take(length, field));
    }

    /// <summary>A u32-length-prefixed byte array.</summary>
    public ReadOnlySpan<byte> Bytes32(string field) => Take(U32(field), field);

    /// <summary>A u64-length-prefixed byte array.</summary>
    public ReadOnlySpan<byte> Bytes64(string field) => Take(U64(field), field);

    /// <summary>Everything left in the body.</summary>
    public ReadOnlySpan<byte> Rest() => Take((ulong)Remaining, "data");

    /// <summary>A map: u32 byte length, then key/value pairs until that length is used up.</summary>
    public Dictionary<string, string> StringMap(string field)
    {
        var inner = SubReader(field);
        var map = new Dictionary<string, string>();
        while (inner.Remaining > 0)
        {
            var key = inner.String(field + " key");
            map[key] = inner.String(field + " value");
        }
        return map;
    }

    public Dictionary<ushort, ulong> U16U64Map(string field)
    {
        var inner = SubReader(field);
        var map = new Dictionary<ushort, ulong>();
        while (inner.Remaining > 0)
        {
            var key = inner.U16(field + " key");
            map[key] = inner.U64(field + " value");
        }
        return map;
    }

    /// <summary>A reader over the next u32-length-prefixed region (maps and arrays).</summary>
    public McapFieldReader SubReader(string field)
    {
        var start = _position + 4;
        var region = Bytes32(field);
        return new McapFieldReader(region, _file, _bodyFileOffset + start);
    }

    public BagFormatException Error(string reason) => BagFormatException.AtOffset(_file, _bodyFileOffset + _position, reason);

    private ReadOnlySpan<byte> Take(ulong length, string field)
    {
        if (length > (ulong)Remaining)
            throw BagFormatException.AtOffset(_file, _bodyFileOffset + _position,
                $"field '{field}' needs {length} bytes but the record has {Remaining} left");
        var span = _body.Slice(_position, (int)length);
        _position += (int)length;
        return span;
    }
}
