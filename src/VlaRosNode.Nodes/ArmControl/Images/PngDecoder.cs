using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using VlaRosNode.Policy.Images;

namespace VlaRosNode.Nodes.ArmControl.Images;

/// <summary>
/// A minimal PNG decoder for camera frames (sensor_msgs/CompressedImage "png"): 8-bit grey, grey+alpha, RGB, RGBA
/// and palette images, not interlaced. Chunk CRCs are checked and inflation stops at the size the header
/// announces, so a corrupt or hostile frame is one <see cref="ImageDecodeException"/>, never a hang or a huge
/// allocation. Alpha is dropped.
/// </summary>
public static class PngDecoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private const int MaxSide = 16384;

    /// <exception cref="ImageDecodeException">Not a PNG, an unsupported kind of PNG, or a corrupt one.</exception>
    public static RgbImage Decode(ReadOnlySpan<byte> png, string where)
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
            throw Bad(where, 0, "no PNG signature");
        var header = default(Header);
        byte[]? palette = null;
        using var compressed = new MemoryStream();
        var offset = Signature.Length;
        var ended = false;
        while (!ended)
        {
            if (png.Length - offset < 12)
                throw Bad(where, offset, "truncated chunk (no IEND)");
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            if (length > png.Length - offset - 12)
                throw Bad(where, offset, $"chunk length {length} runs past the end");
            var typeAndData = png.Slice(offset + 4, 4 + (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + (int)length)..]);
            if (Crc32.HashToUInt32(typeAndData) != crc)
                throw Bad(where, offset, $"CRC mismatch in chunk '{ChunkName(typeAndData)}'");
            var data = typeAndData[4..];
            switch (ChunkName(typeAndData))
            {
                case "IHDR":
                    header = ReadHeader(data, where, offset);
                    break;
                case "PLTE":
                    palette = data.Length % 3 == 0 && data.Length is > 0 and <= 768 ? data.ToArray() : throw Bad(where, offset, $"PLTE of {data.Length} bytes");
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
                case "IEND":
                    ended = true;
                    break;
                default:
                    if ((typeAndData[0] & 0x20) == 0) // an unknown critical chunk changes the meaning of the image
                        throw Bad(where, offset, $"unsupported critical chunk '{ChunkName(typeAndData)}'");
                    break;
            }
            offset += 12 + (int)length;
        }
        if (header.Width == 0)
            throw Bad(where, Signature.Length, "no IHDR chunk");
        if (header.ColorType == 3 && palette is null)
            throw Bad(where, offset, "palette image without PLTE");
        var raw = Inflate(compressed, header, where);
        Unfilter(raw, header, where);
        return ToRgb(raw, header, palette, where);
    }

    private readonly record struct Header(int Width, int Height, int ColorType, int Channels)
    {
        public int RowBytes => Width * Channels;
    }

    private static Header ReadHeader(ReadOnlySpan<byte> data, string where, int offset)
    {
        if (data.Length != 13)
            throw Bad(where, offset, $"IHDR of {data.Length} bytes, 13 expected");
        var width = BinaryPrimitives.ReadUInt32BigEndian(data);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (width is 0 or > MaxSide || height is 0 or > MaxSide)
            throw Bad(where, offset, $"size {width}x{height} is outside 1..{MaxSide}");
        var (bitDepth, colorType) = (data[8], data[9]);
        if (data[10] != 0 || data[11] != 0)
            throw Bad(where, offset, "unknown compression or filter method");
        if (data[12] != 0)
            throw Bad(where, offset, "interlaced PNGs are not supported");
        var channels = colorType switch
        {
            0 or 3 => 1,
            2 => 3,
            4 => 2,
            6 => 4,
            _ => throw Bad(where, offset, $"colour type {colorType} is not a PNG colour type"),
        };
        if (bitDepth != 8)
            throw Bad(where, offset, $"bit depth {bitDepth} is not supported (8 only)");
        return new Header((int)width, (int)height, colorType, channels);
    }

    /// <summary>Inflates the zlib stream into exactly height * (1 + row bytes) bytes.</summary>
    private static byte[] Inflate(MemoryStream compressed, Header header, string where)
    {
        var size = (long)header.Height * (header.RowBytes + 1);
        // Deflate expands at most about 1032:1: refuse before allocating what the data cannot fill.
        if (size > compressed.Length * 1040 + 64)
            throw Bad(where, -1, $"{compressed.Length} bytes of image data cannot hold a {header.Width}x{header.Height} image");
        var raw = new byte[size];
        compressed.Position = 0;
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            zlib.ReadExactly(raw);
        }
        catch (Exception e) when (e is InvalidDataException or IOException) // IOException: EndOfStreamException, ZLibException
        {
            throw Bad(where, -1, $"image data does not inflate to {raw.Length} bytes: {e.Message}");
        }
        return raw;
    }

    /// <summary>Undoes the per-row filters in place (PNG spec section 9).</summary>
    private static void Unfilter(byte[] raw, Header header, string where)
    {
        var stride = header.RowBytes + 1;
        var bpp = header.Channels;
        for (var y = 0; y < header.Height; y++)
        {
            var row = raw.AsSpan(y * stride + 1, header.RowBytes);
            var previous = y == 0 ? default : raw.AsSpan((y - 1) * stride + 1, header.RowBytes);
            var filter = raw[y * stride];
            for (var i = 0; i < row.Length; i++)
            {
                int left = i >= bpp ? row[i - bpp] : 0, up = y > 0 ? previous[i] : 0, upLeft = y > 0 && i >= bpp ? previous[i - bpp] : 0;
                row[i] = filter switch
                {
                    0 => row[i],
                    1 => (byte)(row[i] + left),
                    2 => (byte)(row[i] + up),
                    3 => (byte)(row[i] + (left + up) / 2),
                    4 => (byte)(row[i] + Paeth(left, up, upLeft)),
                    _ => throw Bad(where, -1, $"row {y} has unknown filter type {filter}"),
                };
            }
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static RgbImage ToRgb(byte[] raw, Header header, byte[]? palette, string where)
    {
        var pixels = new byte[header.Width * header.Height * 3];
        var stride = header.RowBytes + 1;
        for (var y = 0; y < header.Height; y++)
        {
            var row = raw.AsSpan(y * stride + 1, header.RowBytes);
            for (var x = 0; x < header.Width; x++)
            {
                var o = (y * header.Width + x) * 3;
                var i = x * header.Channels;
                switch (header.ColorType)
                {
                    case 0 or 4:
                        pixels[o] = pixels[o + 1] = pixels[o + 2] = row[i];
                        break;
                    case 3:
                        var entry = row[i] * 3;
                        if (entry + 2 >= palette!.Length)
                            throw Bad(where, -1, $"pixel ({x}, {y}) uses palette entry {row[i]} of {palette.Length / 3}");
                        palette.AsSpan(entry, 3).CopyTo(pixels.AsSpan(o, 3));
                        break;
                    default:
                        row.Slice(i, 3).CopyTo(pixels.AsSpan(o, 3));
                        break;
                }
            }
        }
        return new RgbImage(header.Width, header.Height, pixels);
    }

    private static string ChunkName(ReadOnlySpan<byte> typeAndData) =>
        string.Create(4, typeAndData[..4].ToArray(), static (s, b) => { for (var i = 0; i < 4; i++) s[i] = b[i] is >= 32 and < 127 ? (char)b[i] : '?'; });

    private static ImageDecodeException Bad(string where, int offset, string problem) =>
        new(offset >= 0 ? $"PNG from {where}, byte {offset}: {problem}" : $"PNG from {where}: {problem}");
}
