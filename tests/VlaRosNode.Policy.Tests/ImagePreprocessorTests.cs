using VlaRosNode.Policy.Images;
using VlaRosNode.Policy.Package;

namespace VlaRosNode.Policy.Tests;

/// <summary>Hand-computed cases of the preprocessing (EngineReferenceTests checks it against torch on real frames),
/// and its per-size bilinear taps following the input when the camera's size changes.</summary>
public sealed class ImagePreprocessorTests
{
    private static ImageSpec Spec(int height, int width, float cropScale = 1f) =>
        new(["front"], height, width, cropScale, "bilinear", [0.5f, 0.25f, 0f], [0.5f, 0.25f, 1f]);

    [Test]
    public void One_output_pixel_of_a_two_by_two_image_is_the_mean_of_its_four_pixels_normalised()
    {
        // Half-pixel centres: output 0 of 1 samples source coordinate 0.5 on both axes, weight 1/2 each.
        var image = new RgbImage(2, 2, [0, 0, 0, 255, 255, 255, 255, 0, 0, 255, 255, 0]);
        var output = new float[3];
        new ImagePreprocessor(Spec(1, 1)).Run(image, output);
        float red = (0 + 255 + 255 + 255) / 4f / 255f, green = (0 + 255 + 0 + 255) / 4f / 255f, blue = (0 + 255 + 0 + 0) / 4f / 255f;
        Assert.That(output, Is.EqualTo(new[] { (red - 0.5f) / 0.5f, (green - 0.25f) / 0.25f, blue }).Within(1e-6f));
    }

    [Test]
    public void Upscaling_keeps_the_edge_pixels_and_interpolates_between_them()
    {
        // 2 -> 4 columns: source coordinates -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        var image = new RgbImage(2, 1, [0, 0, 0, 200, 200, 200]);
        var output = new float[3 * 4];
        new ImagePreprocessor(Spec(1, 4)).Run(image, output);
        var expectedBlue = new[] { 0f, 50f, 150f, 200f }.Select(v => v / 255f).ToArray();
        Assert.That(output[8..], Is.EqualTo(expectedBlue).Within(1e-6f));
    }

    [Test]
    public void A_camera_that_changes_size_gets_the_taps_of_its_new_size()
    {
        var random = new Random(3);
        RgbImage Image(int width, int height)
        {
            var pixels = new byte[width * height * 3];
            random.NextBytes(pixels);
            return new RgbImage(width, height, pixels);
        }
        var spec = Spec(8, 8, cropScale: 0.9f);
        var small = Image(16, 12);
        var large = Image(40, 30);
        var reused = new ImagePreprocessor(spec);
        var first = new float[3 * 64];
        reused.Run(small, first);
        var afterResize = new float[3 * 64];
        reused.Run(large, afterResize);
        var fresh = new float[3 * 64];
        new ImagePreprocessor(spec).Run(large, fresh);
        Assert.That(afterResize, Is.EqualTo(fresh));
        reused.Run(small, afterResize);
        Assert.That(afterResize, Is.EqualTo(first), "and back");
    }
}
