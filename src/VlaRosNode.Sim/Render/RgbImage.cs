namespace VlaRosNode.Sim.Render;

/// <summary>An 8-bit RGB image, rows top to bottom, 3 bytes per pixel (the layout of sensor_msgs/Image "rgb8").</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height)
    {
        if (width <= 0 || height <= 0 || width > 8192 || height > 8192)
            throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} is outside 1..8192");
        Width = width;
        Height = height;
        Pixels = new byte[width * height * 3];
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }
    public int Stride => Width * 3;

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 3;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }
}
