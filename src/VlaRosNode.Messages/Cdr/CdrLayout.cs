namespace VlaRosNode.Messages.Cdr;

/// <summary>XCDR1 framing constants and the alignment rule shared by writer, reader and size calculation.
/// (Block copies write host order as little-endian: the build targets linux-x64 only.)</summary>
public static class CdrLayout
{
    public const int HeaderSize = 4;
    public const byte BigEndianKind = 0;
    public const byte LittleEndianKind = 1;

    /// <summary>Padding before a primitive of <paramref name="size"/> bytes at <paramref name="offset"/> (counted from after the header).</summary>
    public static int Padding(int offset, int size) => -offset & (size - 1);
}
