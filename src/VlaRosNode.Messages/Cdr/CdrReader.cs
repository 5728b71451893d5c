using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace VlaRosNode.Messages.Cdr;

/// <summary>Reads XCDR1 of either endianness from a complete payload (header included). Every read is
/// bounds-checked; malformed input raises <see cref="CdrException"/> naming the field and byte offset.
/// Counts are checked against the bytes left before anything is allocated.</summary>
public ref struct CdrReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _swap;
    private int _position;

    public CdrReader(ReadOnlySpan<byte> payload)
    {
        _data = payload;
        if (payload.Length < CdrLayout.HeaderSize)
            throw new CdrException("(encapsulation)", 0, $"payload of {payload.Length} bytes is shorter than the 4-byte header");
        if (payload[0] != 0 || payload[1] > CdrLayout.LittleEndianKind)
            throw new CdrException("(encapsulation)", 0,
                $"unknown encapsulation kind 0x{payload[0]:x2}{payload[1]:x2} (only plain CDR 0x0000/0x0001 is supported)");
        _swap = (payload[1] == CdrLayout.LittleEndianKind) != BitConverter.IsLittleEndian;
        _position = CdrLayout.HeaderSize;
    }

    /// <summary>Current byte offset into the payload, header included.</summary>
    public readonly int Position => _position;

    private readonly int Remaining => _data.Length - _position;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Read<T>(string field) where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        Align(size, field);
        Need(size, field);
        var value = Unsafe.ReadUnaligned<T>(ref Unsafe.AsRef(in _data[_position]));
        _position += size;
        return _swap ? Swap(value) : value;
    }

    public bool ReadBool(string field) => Read<byte>(field) != 0;

    /// <summary>A string; <paramref name="maxBytes"/> 0 = unbounded. Rejects a missing NUL and invalid UTF-8.
    /// Returns <paramref name="reuse"/> itself when it already holds the same ASCII text (joint names, frame ids repeat).</summary>
    public string ReadString(string field, int maxBytes = 0, string? reuse = null)
    {
        var start = _position;
        var length = Read<uint>(field);
        if (length == 0)
            return string.Empty; // some writers encode "" without the NUL
        if (length > (uint)Remaining)
            throw new CdrException(field, start, $"string length {length} runs past the end ({Remaining} bytes left)");
        var bytes = _data.Slice(_position, (int)length - 1);
        if (_data[_position + (int)length - 1] != 0)
            throw new CdrException(field, start, "string is not NUL-terminated");
        if (maxBytes > 0 && bytes.Length > maxBytes)
            throw new CdrException(field, start, $"string of {bytes.Length} bytes exceeds its bound of {maxBytes}");
        if (reuse != null && Ascii.Equals(bytes, reuse))
        {
            _position += (int)length;
            return reuse;
        }
        string text;
        try
        {
            // ASCII (most names and ids) widens byte for byte; anything else is validated while decoding.
            text = bytes.IsEmpty ? string.Empty : Ascii.IsValid(bytes) ? Encoding.Latin1.GetString(bytes) : StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new CdrException(field, _position, "string is not valid UTF-8");
        }
        _position += (int)length;
        return text;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A sequence count, checked against its bound (0 = unbounded) and against the bytes left,
    /// given that every element takes at least <paramref name="minElementSize"/> bytes.</summary>
    public int ReadCount(string field, int minElementSize, int maxCount = 0)
    {
        var start = _position;
        var count = Read<uint>(field);
        if (maxCount > 0 && count > (uint)maxCount)
            throw new CdrException(field, start, $"sequence of {count} elements exceeds its bound of {maxCount}");
        if (count > (uint)(Remaining / minElementSize))
            throw new CdrException(field, start,
                $"sequence count {count} needs at least {(long)count * minElementSize} bytes, only {Remaining} left");
        return (int)count;
    }

    /// <summary>A primitive sequence: count, then one block copy (byte-swapped if the payload is big-endian).</summary>
    public T[] ReadSequence<T>(string field, int maxCount = 0, T[]? reuse = null) where T : unmanaged
    {
        var count = ReadCount(field, Unsafe.SizeOf<T>(), maxCount);
        return ReadBlock(field, count, reuse);
    }

    /// <summary><paramref name="count"/> primitives without a count prefix (fixed-size arrays, or after <see cref="ReadCount"/>),
    /// into <paramref name="reuse"/> when it has exactly that length.</summary>
    public T[] ReadBlock<T>(string field, int count, T[]? reuse = null) where T : unmanaged
    {
        if (count == 0)
            return reuse is { Length: 0 } ? reuse : [];
        var size = Unsafe.SizeOf<T>();
        Align(size, field);
        Need((long)count * size, field);
        var result = reuse?.Length == count ? reuse : GC.AllocateUninitializedArray<T>(count);
        var target = MemoryMarshal.AsBytes(result.AsSpan());
        _data.Slice(_position, target.Length).CopyTo(target);
        _position += target.Length;
        if (_swap)
            SwapInPlace(result.AsSpan());
        return result;
    }

    public bool[] ReadBoolSequence(string field, int maxCount = 0, bool[]? reuse = null) =>
        ReadBoolBlock(field, ReadCount(field, 1, maxCount), reuse);

    public bool[] ReadBoolBlock(string field, int count, bool[]? reuse = null)
    {
        Need(count, field);
        var result = reuse?.Length == count ? reuse : new bool[count];
        // Element by element: any nonzero byte is true, and a .NET bool must hold exactly 0 or 1.
        for (var i = 0; i < count; i++)
            result[i] = _data[_position + i] != 0;
        _position += count;
        return result;
    }

    public string[] ReadStringSequence(string field, int maxCount = 0, int maxBytes = 0, string[]? reuse = null) =>
        ReadStringBlock(field, ReadCount(field, sizeof(uint), maxCount), maxBytes, reuse);

    public string[] ReadStringBlock(string field, int count, int maxBytes = 0, string[]? reuse = null)
    {
        Need((long)count * sizeof(uint), field);
        var result = reuse?.Length == count ? reuse : count == 0 ? [] : new string[count];
        for (var i = 0; i < count; i++)
            result[i] = ReadString(field, maxBytes, result[i]);
        return result;
    }

    /// <summary>Checks that only trailing padding (fewer than 4 bytes) is left after the message.</summary>
    public readonly void EndOfMessage()
    {
        if (Remaining >= 4)
            throw new CdrException("(end)", _position, $"{Remaining} unexpected bytes after the message");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Align(int size, string field)
    {
        var padding = CdrLayout.Padding(_position - CdrLayout.HeaderSize, size);
        Need(padding, field);
        _position += padding;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void Need(long bytes, string field)
    {
        if (bytes > Remaining)
            ThrowTruncated(field, _position, bytes, Remaining);
    }

    // Kept out of line so that the hot checks above stay small enough to inline.
    [DoesNotReturn]
    private static void ThrowTruncated(string field, int position, long bytes, int remaining) =>
        throw new CdrException(field, position, $"needs {bytes} bytes, only {remaining} left (truncated)");

    private static T Swap<T>(T value) where T : unmanaged
    {
        switch (Unsafe.SizeOf<T>())
        {
            case 2: var s = BinaryPrimitives.ReverseEndianness(Unsafe.As<T, ushort>(ref value)); return Unsafe.As<ushort, T>(ref s);
            case 4: var i = BinaryPrimitives.ReverseEndianness(Unsafe.As<T, uint>(ref value)); return Unsafe.As<uint, T>(ref i);
            case 8: var l = BinaryPrimitives.ReverseEndianness(Unsafe.As<T, ulong>(ref value)); return Unsafe.As<ulong, T>(ref l);
            default: return value;
        }
    }

    private static void SwapInPlace<T>(Span<T> values) where T : unmanaged
    {
        switch (Unsafe.SizeOf<T>())
        {
            case 2: var s = MemoryMarshal.Cast<T, ushort>(values); BinaryPrimitives.ReverseEndianness(s, s); break;
            case 4: var i = MemoryMarshal.Cast<T, uint>(values); BinaryPrimitives.ReverseEndianness(i, i); break;
            case 8: var l = MemoryMarshal.Cast<T, ulong>(values); BinaryPrimitives.ReverseEndianness(l, l); break;
        }
    }
}
