using JpegLibrary;
using VlaRosNode.Policy.Images;

namespace VlaRosNode.Nodes.ArmControl.Images;

/// <summary>
/// JPEG camera frames (sensor_msgs/CompressedImage "jpeg"), baseline or progressive, 8-bit grey or YCbCr (JFIF, what
/// image_transport, OpenCV and Pillow write), any chroma subsampling. JpegLibrary does the entropy decoding,
/// dequantisation, IDCT and chroma upsampling and hands over 8x8 sample blocks at full resolution; this class places
/// them and converts YCbCr to RGB with JFIF's equations. A corrupt or hostile frame is one
/// <see cref="ImageDecodeException"/>: the size is checked before anything is allocated, and whatever the library
/// throws on bad data is wrapped. Like <see cref="RawImageDecoder"/> it keeps its sample planes and one output image per
/// size and rewrites them, so a camera at a fixed size costs no image-sized array per frame; the output is written only
/// once a frame decoded whole.
/// </summary>
public sealed class JpegImageDecoder
{
    private const int MaxSide = 16384;
    private const long MaxPixels = 4096L * 4096;

    private readonly SamplePlanes _planes = new();
    private RgbImage? _output;

    /// <summary>Decodes <paramref name="jpeg"/>; the result is valid until the next call.</summary>
    /// <exception cref="ImageDecodeException">Not a JPEG, an unsupported kind of JPEG (CMYK, 12-bit), or a corrupt one.</exception>
    public RgbImage Decode(ReadOnlyMemory<byte> jpeg, string where)
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
            _planes.Resize(width, height, components);
            decoder.SetOutputWriter(_planes);
            decoder.Decode();
            if (_output is null || _output.Width != width || _output.Height != height)
                _output = new RgbImage(width, height, new byte[width * height * 3]);
            _planes.ToRgb(_output.Pixels);
            return _output;
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
    private sealed class SamplePlanes : JpegBlockOutputWriter
    {
        private byte[][] _planes = [];
        private int _width, _height;

        /// <summary>Planes for the next frame, reused when its size and components are the last one's.</summary>
        public void Resize(int width, int height, int components)
        {
            if (_planes.Length != components || width * height != _width * _height)
                _planes = [.. Enumerable.Range(0, components).Select(_ => new byte[width * height])];
            (_width, _height) = (width, height);
        }

        public override void WriteBlock(ref short block, int componentIndex, int x, int y)
        {
            if ((uint)componentIndex >= (uint)_planes.Length || x >= _width || y >= _height || x < 0 || y < 0)
                return;
            var samples = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref block, 64);
            var plane = _planes[componentIndex];
            int columns = Math.Min(8, _width - x), rows = Math.Min(8, _height - y);
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < columns; c++)
                    plane[(y + r) * _width + x + c] = (byte)Math.Clamp((int)samples[r * 8 + c], 0, 255);
        }

        public void ToRgb(byte[] rgb)
        {
            if (_planes.Length == 1)
            {
                var grey = _planes[0];
                for (var p = 0; p < grey.Length; p++)
                    rgb[p * 3] = rgb[p * 3 + 1] = rgb[p * 3 + 2] = grey[p];
                return;
            }
            var (luma, cb, cr) = (_planes[0], _planes[1], _planes[2]);
            for (var p = 0; p < luma.Length; p++)
            {
                double y = luma[p], u = cb[p] - 128.0, v = cr[p] - 128.0;
                rgb[p * 3] = Channel(y + 1.402 * v);
                rgb[p * 3 + 1] = Channel(y - 0.344136 * u - 0.714136 * v);
                rgb[p * 3 + 2] = Channel(y + 1.772 * u);
            }
        }

        private static byte Channel(double value) => (byte)Math.Clamp((int)Math.Round(value), 0, 255);
    }
}
