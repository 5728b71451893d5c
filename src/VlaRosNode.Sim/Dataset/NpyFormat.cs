using System.Buffers.Binary;
using System.Text;

namespace VlaRosNode.Sim.Dataset;

/// <summary>Writes NumPy's .npy format, version 1.0: magic, a Python-literal header padded to 64 bytes, then the
/// C-order little-endian data (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).</summary>
public static class NpyFormat
{
    public const string UInt8 = "|u1", Int32 = "<i4", Int64 = "<i8", Float32 = "<f4", Bool = "|b1";

    /// <summary>Fixed-width little-endian UTF-32 text of <paramref name="characters"/> code points.</summary>
    public static string Unicode(int characters) => $"<U{characters}";

    /// <exception cref="ArgumentException">The data size does not match dtype and shape.</exception>
    public static void Write(Stream output, string descr, ReadOnlySpan<int> shape, ReadOnlySpan<byte> data)
    {
        long elements = 1;
        foreach (var dimension in shape)
            elements *= dimension;
        if (elements * ItemSize(descr) != data.Length)
            throw new ArgumentException($"{data.Length} bytes do not fill an array of dtype {descr} and shape {FormatShape(shape)}", nameof(data));

        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {FormatShape(shape)}, }}";
        const int preamble = 10; // magic (6) + version (2) + header length (2)
        var padded = (preamble + header.Length + 1 + 63) / 64 * 64;
        header = header.PadRight(padded - preamble - 1) + "\n";

        Span<byte> start = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 0, 0];
        BinaryPrimitives.WriteUInt16LittleEndian(start[8..], (ushort)header.Length);
        output.Write(start);
        output.Write(Encoding.ASCII.GetBytes(header));
        output.Write(data);
    }

    /// <summary>A text scalar as the bytes of dtype <see cref="Unicode"/>(text length).</summary>
    public static byte[] EncodeUnicode(string text) => Encoding.UTF32.GetBytes(text); // .NET's UTF32 is little-endian

    private static int ItemSize(string descr) => descr switch
    {
        UInt8 or Bool => 1,
        Int32 or Float32 => 4,
        Int64 => 8,
        _ when descr.StartsWith("<U", StringComparison.Ordinal) && int.TryParse(descr.AsSpan(2), out var n) => 4 * n,
        _ => throw new ArgumentException($"unsupported dtype '{descr}'", nameof(descr)),
    };

    private static string FormatShape(ReadOnlySpan<int> shape) => shape.Length switch
    {
        0 => "()",
        1 => $"({shape[0]},)",
        _ => $"({string.Join(", ", shape.ToArray())})",
    };
}
