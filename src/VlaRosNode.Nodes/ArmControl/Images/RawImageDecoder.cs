using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Policy.Images;

namespace VlaRosNode.Nodes.ArmControl.Images;

/// <summary>
/// sensor_msgs/Image (rgb8, bgr8, rgba8, bgra8, mono8; rows may be padded to <c>step</c>) to the policy's RGB image.
/// Keeps one output image per size and rewrites it, so a camera at a fixed size costs no allocation per frame.
/// </summary>
public sealed class RawImageDecoder
{
    private RgbImage? _buffer;

    public static IReadOnlyList<string> Encodings { get; } = ["rgb8", "bgr8", "rgba8", "bgra8", "mono8"];

    /// <summary>Decodes <paramref name="message"/>; the result is valid until the next call.</summary>
    /// <exception cref="ImageDecodeException">Unsupported encoding, zero size, or too little data for the rows.</exception>
    public RgbImage Decode(Image message, string topic)
    {
        var (channels, red, blue) = message.Encoding switch
        {
            "rgb8" => (3, 0, 2),
            "bgr8" => (3, 2, 0),
            "rgba8" => (4, 0, 2),
            "bgra8" => (4, 2, 0),
            "mono8" => (1, 0, 0),
            _ => throw new ImageDecodeException($"image on '{topic}': encoding '{message.Encoding}' is not supported (expected {string.Join(", ", Encodings)})"),
        };
        long width = message.Width, height = message.Height, step = message.Step;
        if (width == 0 || height == 0 || width > 16384 || height > 16384)
            throw new ImageDecodeException($"image on '{topic}': size {width}x{height} is outside 1..16384");
        if (step < width * channels)
            throw new ImageDecodeException($"image on '{topic}': step {step} is shorter than a row of {width} {message.Encoding} pixels ({width * channels} bytes)");
        if (message.Data.Length < step * height)
            throw new ImageDecodeException($"image on '{topic}': {message.Data.Length} data bytes, {step * height} needed for {height} rows of step {step}");

        var image = Output((int)width, (int)height);
        var source = message.Data.AsSpan();
        var pixels = image.Pixels.AsSpan();
        var green = channels == 1 ? 0 : 1;
        for (var y = 0; y < height; y++)
        {
            var row = source.Slice((int)(y * step), (int)(width * channels));
            var output = pixels.Slice((int)(y * width * 3), (int)(width * 3));
            for (int x = 0, i = 0, o = 0; x < width; x++, i += channels, o += 3)
            {
                output[o] = row[i + red];
                output[o + 1] = row[i + green];
                output[o + 2] = row[i + blue];
            }
        }
        return image;
    }

    private RgbImage Output(int width, int height)
    {
        if (_buffer is null || _buffer.Width != width || _buffer.Height != height)
            _buffer = new RgbImage(width, height, new byte[width * height * 3]);
        return _buffer;
    }
}
