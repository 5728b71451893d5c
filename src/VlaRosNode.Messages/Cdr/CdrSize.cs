using System.Runtime.CompilerServices;
using System.Text;

namespace VlaRosNode.Messages.Cdr;

/// <summary>Size arithmetic matching <see cref="CdrWriter"/>: each method takes the offset (from after the header)
/// before a value and returns the offset after it.</summary>
public static class CdrSize
{
    public static int Primitive<T>(int offset) where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        return offset + CdrLayout.Padding(offset, size) + size;
    }

    public static int String(int offset, string value) =>
        Primitive<uint>(offset) + Encoding.UTF8.GetByteCount(value) + 1;

    /// <summary>A block of primitives, without count.</summary>
    public static int Block<T>(int offset, int count) where T : unmanaged
    {
        if (count == 0)
            return offset;
        var size = Unsafe.SizeOf<T>();
        return offset + CdrLayout.Padding(offset, size) + size * count;
    }

    /// <summary>A count followed by a block of primitives.</summary>
    public static int Sequence<T>(int offset, int count) where T : unmanaged =>
        Block<T>(Primitive<uint>(offset), count);

    public static int Strings(int offset, string[] values)
    {
        foreach (var value in values)
            offset = String(offset, value);
        return offset;
    }
}
