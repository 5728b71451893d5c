using VlaRosNode.Sim.Render;

namespace VlaRosNode.Sim.Tests;

public class PngEncoderTests
{
    [Test]
    public void PillowDecodesTheSamePixels()
    {
        var image = new RgbImage(37, 23); // odd sizes: no row padding assumptions
        var random = new Random(5);
        random.NextBytes(image.Pixels);
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "random.png");
        PngEncoder.Save(image, path);

        // PIL verifies chunk CRCs and the zlib stream; print size, mode and a digest of the raw pixels.
        var output = PythonReference.Run(
            "import sys, hashlib; from PIL import Image; im = Image.open(sys.argv[1]); im.load(); " +
            "print(im.size[0], im.size[1], im.mode, hashlib.sha256(im.tobytes()).hexdigest())", path);
        var expected = $"37 23 RGB {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(image.Pixels))}";
        Assert.That(output, Is.EqualTo(expected));
    }

    [Test]
    public void RejectsImpossibleSizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RgbImage(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RgbImage(10, 10000));
    }
}
