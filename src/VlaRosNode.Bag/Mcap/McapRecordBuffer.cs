using System.Buffers.Binary;
using System.Text;

namespace VlaRosNode.Bag.Mcap;

/// <summary>A growable little-endian byte buffer that MCAP records are serialised into before they go to the file
/// (or into a chunk). <see cref="BeginRecord"/>/<see cref="EndRecord"/> fill in the record length afterwards.</summary>
internal sealed class McapRecordBuffer
{
    private byte[] _buffer;
    private int _length;

    public McapRecordBuffer(int initialCapacity = 4096) => _buffer = new byte[Math.Max(initialCapacity, 64)];

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Writes the opcode and a length placeholder; returns the position to pass to <see cref="EndRecord"/>.</summary>
    public int BeginRecord(McapOpcode opcode)
    {
        U8((byte)opcode);
        var lengthAt = _length;
        U64(0);
        return lengthAt;
    }

    /// <param name="trailingBytes">Body bytes the caller writes to the file after this buffer (chunk records).</param>
    public void EndRecord(int lengthAt, long trailingBytes = 0) =>
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(lengthAt), (ulong)(_length - lengthAt - 8 + trailingBytes));

    public void U8(byte value) => Grow(1)[0] = value;

    public void U16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Grow(2), value);

    public void U32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Grow(4), value);

    public void U64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Grow(8), value);

    public void Raw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Grow(bytes.Length));

    public void String(string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        U32((uint)byteCount);
        Encoding.UTF8.GetBytes(value, Grow(byteCount));
    }

    public void Bytes32(ReadOnlySpan<byte> bytes)
    {
        U32((uint)bytes.Length);
        Raw(bytes);
    }

    public void StringMap(IReadOnlyDictionary<string, string> map)
    {
        var lengthAt = _length;
        U32(0);
        foreach (var (key, value) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            String(key);
            String(value);
        }
        PatchU32(lengthAt, (uint)(_length - lengthAt - 4));
    }

    public void U16U64Map(IEnumerable<KeyValuePair<ushort, ulong>> map)
    {
        var lengthAt = _length;
        U32(0);
        foreach (var (key, value) in map.OrderBy(kv => kv.Key))
        {
            U16(key);
            U64(value);
        }
        PatchU32(lengthAt, (uint)(_length - lengthAt - 4));
    }

    public void PatchU32(int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(at), value);

    /// <summary>Reserves <paramref name="count"/> bytes at the end and returns them for the caller to fill.</summary>
    public Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
