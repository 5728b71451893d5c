using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Images;

/// <summary>
/// The package's image preprocessing, the same arithmetic as tools/train/vla_train/images.py: centre crop (area
/// fraction), half-pixel bilinear resize, x / 255, (x - mean) / std, written channel-major [3, H, W]. It runs on every
/// camera of every control step, so the bilinear taps are computed once per input size and the normalisation is one
/// multiply-add per value.
/// </summary>
public sealed class ImagePreprocessor
{
    private readonly ImageSpec _spec;
    private readonly (float R, float G, float B) _scale; // 1 / (255 std)
    private readonly (float R, float G, float B) _offset; // -mean / std
    private (int Height, int Width, Taps Rows, Taps Columns)? _taps; // for the last input size

    public ImagePreprocessor(ImageSpec spec)
    {
        _spec = spec;
        _scale = (1f / (255f * spec.Std[0]), 1f / (255f * spec.Std[1]), 1f / (255f * spec.Std[2]));
        _offset = (-spec.Mean[0] / spec.Std[0], -spec.Mean[1] / spec.Std[1], -spec.Mean[2] / spec.Std[2]);
    }

    public int OutputLength => 3 * _spec.Height * _spec.Width;

    public void Run(RgbImage image, Span<float> output)
    {
        if (output.Length < OutputLength)
            throw new ArgumentException($"output holds {output.Length} floats, {OutputLength} needed");
        var (rows, columns) = TapsFor(image);
        var (height, width) = (_spec.Height, _spec.Width);
        var plane = height * width;
        var red = output[..plane];
        var green = output.Slice(plane, plane);
        var blue = output.Slice(2 * plane, plane);
        ReadOnlySpan<byte> pixels = image.Pixels;
        var stride = image.Width * 3;
        var (scale, offset) = (_scale, _offset);
        for (var oy = 0; oy < height; oy++)
        {
            var upperRow = pixels.Slice(rows.First[oy] * stride, stride);
            var lowerRow = pixels.Slice(rows.Second[oy] * stride, stride);
            var fy = rows.Weight[oy];
            var line = oy * width;
            for (var ox = 0; ox < width; ox++)
            {
                int x0 = columns.First[ox] * 3, x1 = columns.Second[ox] * 3;
                var fx = columns.Weight[ox];
                red[line + ox] = Bilinear(upperRow, lowerRow, x0, x1, fx, fy) * scale.R + offset.R;
                green[line + ox] = Bilinear(upperRow, lowerRow, x0 + 1, x1 + 1, fx, fy) * scale.G + offset.G;
                blue[line + ox] = Bilinear(upperRow, lowerRow, x0 + 2, x1 + 2, fx, fy) * scale.B + offset.B;
            }
        }
    }

    private static float Bilinear(ReadOnlySpan<byte> upperRow, ReadOnlySpan<byte> lowerRow, int i0, int i1, float fx, float fy)
    {
        var upper = upperRow[i0] * (1 - fx) + upperRow[i1] * fx;
        var lower = lowerRow[i0] * (1 - fx) + lowerRow[i1] * fx;
        return upper * (1 - fy) + lower * fy;
    }

    private (Taps Rows, Taps Columns) TapsFor(RgbImage image)
    {
        if (_taps is not { } taps || taps.Height != image.Height || taps.Width != image.Width)
        {
            var side = Math.Sqrt(_spec.CropScale);
            taps = (image.Height, image.Width, new Taps(image.Height, image.Height * side, _spec.Height),
                new Taps(image.Width, image.Width * side, _spec.Width));
            _taps = taps;
        }
        return (taps.Rows, taps.Columns);
    }

    /// <summary>Along one axis, for each output index: the two source indices and the second one's weight (a centred
    /// crop of <paramref name="cropLength"/> of <paramref name="length"/>, sampled at half-pixel centres).</summary>
    private sealed class Taps
    {
        public Taps(int length, double cropLength, int size)
        {
            First = new int[size];
            Second = new int[size];
            Weight = new float[size];
            var cropStart = (length - cropLength) / 2;
            for (var o = 0; o < size; o++)
            {
                var s = Math.Clamp(cropStart + (o + 0.5) * cropLength / size - 0.5, 0, length - 1);
                var i0 = (int)Math.Floor(s);
                (First[o], Second[o], Weight[o]) = (i0, Math.Min(i0 + 1, length - 1), (float)(s - i0));
            }
        }

        public int[] First { get; }
        public int[] Second { get; }
        public float[] Weight { get; }
    }
}
