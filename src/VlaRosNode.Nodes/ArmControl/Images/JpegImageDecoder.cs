using JpegLibrary;
using VlaRosNode.Policy.Images;

namespace VlaRosNode.Nodes.ArmControl.Images;

/// <summary>
/// JPEG camera frames (sensor_msgs/CompressedImage "jpeg"), baseline or progressive, 8-bit grey or YCbCr (JFIF, what
/// image_transport, OpenCV and Pillow write), any chroma subsampling. JpegLibrary does the entropy decoding,
/// dequantisation, IDCT and chroma upsampling and hands over 8x8 sample blocks at full resolution; this class places
/// them and converts YCbCr to RGB with JFIF's equations. A corrupt or hostile frame is one
/// <see cref="ImageDecodeException"/>: the size is checked before anything is allocated, and whatever the library
/// throws on bad data is wrapped.
/// </summary>
public static class JpegImageDecoder
{
    private const int MaxSide = 16384;
    private const long MaxPixels = 4096L * 4096;

    /// <exception cref="ImageDecodeException">Not a JPEG, an unsupported kind of JPEG (CMYK, 12-bit), or a corrupt one.</exception>
    public static RgbImage Decode(ReadOnlyMemory<byte> jpeg, string where)
    {
        var decoder = new JpegDecoder();
        decoder.SetInput(jpeg);
        try
        {
            decoder.Identify();
            var (width, height, components) = (decoder.Width, decoder.Height, decoder.NumberOfComponents);
            if (width < 1 || height < 1 || width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
                throw Bad(where, $"size {width}x{height} (at most {MaxSide} a side and {MaxPixels} pixels)");
            if (decoder.Precision != 8)
                throw Bad(where, $"{decoder.Precision}-bit samples (8-bit expected)");
            if (components is not (1 or 3))
                throw Bad(where, $"{components} colour components (grey or YCbCr expected; CMYK is not supported)");
            var planes = new SamplePlanes(width, height, components);
            decoder.SetOutputWriter(planes);
            decoder.Decode();
            return planes.ToRgb();
        }
        catch (Exception e) when (e is not (ImageDecodeException or OutOfMemoryException))
        {
            // JpegLibrary reports bad data with InvalidDataException, but truncated or inconsistent streams also end
            // in other exceptions from its readers; for an outside frame every one of them means "corrupt".
            throw Bad(where, $"{e.Message} ({e.GetType().Name})");
        }
    }

    private static ImageDecodeException Bad(string where, string problem) => new($"JPEG from {where}: {problem}");

    /// <summary>One full-resolution plane of 8-bit samples per component, filled block by block.</summary>
    private sealed class SamplePlanes(int width, int height, int components) : JpegBlockOutputWriter
    {
        private readonly byte[][] _planes = [.. Enumerable.Range(0, components).Select(_ => new byte[width * height])];

        public override void WriteBlock(ref short block, int componentIndex, int x, int y)
        {
            if ((uint)componentIndex >= (uint)components || x >= width || y >= height || x < 0 || y < 0)
                return;
            var samples = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref block, 64);
            var plane = _planes[componentIndex];
            int columns = Math.Min(8, width - x), rows = Math.Min(8, height - y);
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < columns; c++)
                    plane[(y + r) * width + x + c] = (byte)Math.Clamp((int)samples[r * 8 + c], 0, 255);
        }

        public RgbImage ToRgb()
        {
            var rgb = new byte[width * height * 3];
            if (components == 1)
            {
                for (var p = 0; p < _planes[0].Length; p++)
                    rgb[p * 3] = rgb[p * 3 + 1] = rgb[p * 3 + 2] = _planes[0][p];
                return new RgbImage(width, height, rgb);
            }
            var (luma, cb, cr) = (_planes[0], _planes[1], _planes[2]);
            for (var p = 0; p < luma.Length; p++)
            {
                double y = luma[p], u = cb[p] - 128.0, v = cr[p] - 128.0;
                rgb[p * 3] = Channel(y + 1.402 * v);
                rgb[p * 3 + 1] = Channel(y - 0.344136 * u - 0.714136 * v);
                rgb[p * 3 + 2] = Channel(y + 1.772 * u);
            }
            return new RgbImage(width, height, rgb);
        }

        private static byte Channel(double value) => (byte)Math.Clamp((int)Math.Round(value), 0, 255);
    }
}
