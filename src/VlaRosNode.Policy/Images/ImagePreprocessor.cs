using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Images;

/// <summary>
/// The package's image preprocessing, the same arithmetic as tools/train/vla_train/images.py: centre crop (area
/// fraction), half-pixel bilinear resize, x / 255, (x - mean) / std, written channel-major [3, H, W].
/// </summary>
public sealed class ImagePreprocessor(ImageSpec spec)
{
    public int OutputLength => 3 * spec.Height * spec.Width;

    public void Run(RgbImage image, Span<float> output)
    {
        if (output.Length < OutputLength)
            throw new ArgumentException($"output holds {output.Length} floats, {OutputLength} needed");
        var side = Math.Sqrt(spec.CropScale);
        double cropH = image.Height * side, cropW = image.Width * side;
        double top = (image.Height - cropH) / 2, left = (image.Width - cropW) / 2;
        var plane = spec.Height * spec.Width;
        var pixels = image.Pixels;
        for (var oy = 0; oy < spec.Height; oy++)
        {
            var (y0, y1, fy) = Tap(image.Height, top, cropH, spec.Height, oy);
            for (var ox = 0; ox < spec.Width; ox++)
            {
                var (x0, x1, fx) = Tap(image.Width, left, cropW, spec.Width, ox);
                for (var c = 0; c < 3; c++)
                {
                    float p00 = pixels[(y0 * image.Width + x0) * 3 + c], p01 = pixels[(y0 * image.Width + x1) * 3 + c];
                    float p10 = pixels[(y1 * image.Width + x0) * 3 + c], p11 = pixels[(y1 * image.Width + x1) * 3 + c];
                    var upper = p00 * (1 - fx) + p01 * fx;
                    var lower = p10 * (1 - fx) + p11 * fx;
                    var value = upper * (1 - fy) + lower * fy;
                    output[c * plane + oy * spec.Width + ox] = (value / 255f - spec.Mean[c]) / spec.Std[c];
                }
            }
        }
    }

    /// <summary>Source rows (or columns) and weight of output index <paramref name="o"/> along one axis.</summary>
    private static (int I0, int I1, float F) Tap(int length, double cropStart, double cropLength, int size, int o)
    {
        var s = Math.Clamp(cropStart + (o + 0.5) * cropLength / size - 0.5, 0, length - 1);
        var i0 = (int)Math.Floor(s);
        return (i0, Math.Min(i0 + 1, length - 1), (float)(s - i0));
    }
}
