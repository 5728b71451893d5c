using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace VlaRosNode.Messages.Cdr;

/// <summary>Writes little-endian XCDR1 into a caller-provided buffer, encapsulation header first.
/// Allocates nothing; a buffer too small or a value breaking its field's size limit is an <see cref="ArgumentException"/>.</summary>
public ref struct CdrWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public CdrWriter(Span<byte> destination)
    {
        _buffer = destination;
        Ensure(CdrLayout.HeaderSize);
        // 00 01 = plain CDR, little-endian; the two option bytes stay zero.
        destination[0] = 0;
        destination[1] = CdrLayout.LittleEndianKind;
        destination[2] = 0;
        destination[3] = 0;
        _position = CdrLayout.HeaderSize;
    }

    /// <summary>Bytes written so far, header included.</summary>
    public readonly int Length => _position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write<T>(T value) where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        Align(size);
        Ensure(size);
        Unsafe.WriteUnaligned(ref _buffer[_position], value);
        _position += size;
    }

    public void WriteBool(bool value) => Write<byte>(value ? (byte)1 : (byte)0);

    /// <summary>uint32 byte count including the NUL, the UTF-8 bytes, the NUL. <paramref name="maxBytes"/> 0 = unbounded.</summary>
    public void WriteString(string value, string field, int maxBytes = 0)
    {
        Write(0u); // the length, filled in below once the UTF-8 size is known
        var lengthAt = _position - sizeof(uint);
        // Most strings on the wire (joint names, frame ids, encodings) are ASCII: one vectorised pass, no counting.
        var byteCount = value.Length;
        if (_buffer.Length - _position <= byteCount
            || Ascii.FromUtf16(value, _buffer.Slice(_position, byteCount), out _) != OperationStatus.Done)
            byteCount = Encoding.UTF8.GetByteCount(value);
        if (maxBytes > 0 && byteCount > maxBytes)
            throw new ArgumentException($"field '{field}' is a string<={maxBytes}, got {byteCount} UTF-8 bytes");
        Ensure(byteCount + 1);
        if (byteCount != value.Length)
            Encoding.UTF8.GetBytes(value, _buffer.Slice(_position, byteCount));
        _buffer[_position + byteCount] = 0;
        Unsafe.WriteUnaligned(ref _buffer[lengthAt], (uint)(byteCount + 1));
        _position += byteCount + 1;
    }

    /// <summary>The uint32 element count that starts every sequence, after checking its bound (0 = unbounded).</summary>
    public void WriteCount(int count, string field, int maxCount = 0)
    {
        if (maxCount > 0 && count > maxCount)
            throw new ArgumentException($"field '{field}' is bounded to {maxCount} elements, got {count}");
        Write((uint)count);
    }

    /// <summary>Fails unless a fixed-size array field holds exactly its declared number of elements.</summary>
    public static void CheckFixedLength(int actual, int expected, string field)
    {
        if (actual != expected)
            throw new ArgumentException($"field '{field}' is a fixed-size array of {expected} elements, got {actual}");
    }

    /// <summary>Primitive elements as one block copy (no count; sequences write <see cref="WriteCount"/> first).</summary>
    public void WriteBlock<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        if (values.IsEmpty)
            return; // CDR aligns before an element; with none there is no padding either
        var bytes = MemoryMarshal.AsBytes(values);
        Align(Unsafe.SizeOf<T>());
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    public void WriteBoolBlock(ReadOnlySpan<bool> values)
    {
        Ensure(values.Length);
        // .NET bools are 0/1 bytes, exactly the CDR encoding.
        MemoryMarshal.AsBytes(values).CopyTo(_buffer[_position..]);
        _position += values.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Align(int size)
    {
        var padding = CdrLayout.Padding(_position - CdrLayout.HeaderSize, size);
        if (padding == 0)
            return;
        Ensure(padding);
        _buffer.Slice(_position, padding).Clear();
        _position += padding;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void Ensure(int bytes)
    {
        if (_buffer.Length - _position < bytes)
            ThrowTooSmall(_buffer.Length, _position + bytes);
    }

    // Kept out of line so that the hot checks above stay small enough to inline.
    [DoesNotReturn]
    private static void ThrowTooSmall(int length, int needed) =>
        throw new ArgumentException($"destination buffer of {length} bytes is too small (need at least {needed})");
}
