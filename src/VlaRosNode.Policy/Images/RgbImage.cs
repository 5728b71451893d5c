namespace VlaRosNode.Policy.Images;

/// <summary>An 8-bit RGB image, rows top to bottom, pixels interleaved R, G, B (sensor_msgs rgb8 without padding).</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        if (width <= 0 || height <= 0 || pixels.Length != width * height * 3)
            throw new ArgumentException($"an RGB image of {width}x{height} needs {width * height * 3} bytes, got {pixels.Length}");
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }
}
