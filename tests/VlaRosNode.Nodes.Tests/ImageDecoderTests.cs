using System.Buffers.Binary;
using System.IO.Hashing;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Nodes.ArmControl.Images;
using VlaRosNode.Policy.Images;
using VlaRosNode.Sim.Tests;
using SimImage = VlaRosNode.Sim.Render.RgbImage;

namespace VlaRosNode.Nodes.Tests;

/// <summary>Camera messages to RGB: raw encodings with padded rows, PNG and JPEG against Pillow (and PNG against the
/// simulator's encoder), and mutated PNGs and JPEGs that must fail with <see cref="ImageDecodeException"/> only.</summary>
public sealed class ImageDecoderTests
{
    private const int W = 5, H = 3;

    private static byte[] Pattern() => Enumerable.Range(0, W * H * 3).Select(i => (byte)(i * 37 + 11)).ToArray();

    private static Image Raw(string encoding, int channels, Func<byte, byte, byte, byte[]> pixel, int padding)
    {
        var rgb = Pattern();
        var step = W * channels + padding;
        var data = new byte[step * H];
        for (var y = 0; y < H; y++)
            for (var x = 0; x < W; x++)
            {
                var i = (y * W + x) * 3;
                pixel(rgb[i], rgb[i + 1], rgb[i + 2]).CopyTo(data, y * step + x * channels);
            }
        return new Image { Encoding = encoding, Width = W, Height = H, Step = (uint)step, Data = data };
    }

    [TestCase("rgb8", 3)]
    [TestCase("bgr8", 3)]
    [TestCase("rgba8", 4)]
    [TestCase("bgra8", 4)]
    public void ColourEncodingsGiveTheSameRgb(string encoding, int channels)
    {
        Func<byte, byte, byte, byte[]> pixel = encoding switch
        {
            "rgb8" => (r, g, b) => [r, g, b],
            "bgr8" => (r, g, b) => [b, g, r],
            "rgba8" => (r, g, b) => [r, g, b, 200],
            _ => (r, g, b) => [b, g, r, 200],
        };
        foreach (var padding in new[] { 0, 3 })
        {
            var image = new RawImageDecoder().Decode(Raw(encoding, channels, pixel, padding), "/cam");
            Assert.That(image.Pixels, Is.EqualTo(Pattern()), $"padding {padding}");
        }
    }

    [Test]
    public void Mono8IsReplicatedToThreeChannels()
    {
        var image = new RawImageDecoder().Decode(Raw("mono8", 1, (r, _, _) => [r], 2), "/cam");
        var expected = Pattern();
        for (var p = 0; p < W * H; p++)
            Assert.That(image.Pixels.AsSpan(p * 3, 3).ToArray(), Is.EqualTo(new[] { expected[p * 3], expected[p * 3], expected[p * 3] }));
    }

    [Test]
    public void BadRawImagesNameTheTopicAndProblem()
    {
        var decoder = new RawImageDecoder();
        var good = Raw("rgb8", 3, (r, g, b) => [r, g, b], 0);
        Assert.Multiple(() =>
        {
            Assert.That(() => decoder.Decode(new Image { Encoding = "16UC1", Width = 1, Height = 1, Step = 2, Data = new byte[2] }, "/cam"),
                Throws.TypeOf<ImageDecodeException>().With.Message.Contains("'/cam'").And.Message.Contains("16UC1"));
            Assert.That(() => decoder.Decode(new Image { Encoding = "rgb8", Width = W, Height = H, Step = good.Step, Data = good.Data[..^1] }, "/cam"),
                Throws.TypeOf<ImageDecodeException>().With.Message.Contains("data bytes"));
            Assert.That(() => decoder.Decode(new Image { Encoding = "rgb8", Width = W, Height = H, Step = W * 3 - 1, Data = good.Data }, "/cam"),
                Throws.TypeOf<ImageDecodeException>().With.Message.Contains("step"));
            Assert.That(() => decoder.Decode(new Image { Encoding = "rgb8", Width = 0, Height = H, Step = 0, Data = [] }, "/cam"),
                Throws.TypeOf<ImageDecodeException>().With.Message.Contains("size"));
        });
    }

    /// <summary>Pillow writes PNGs in every colour type we read (filters chosen by its encoder), and its own RGB
    /// conversion of each is the expected output.</summary>
    [Test]
    public void PngMatchesPillow()
    {
        var dir = Directory.CreateTempSubdirectory("vla-png-").FullName;
        PythonReference.Run("""
            import sys
            from PIL import Image
            d = sys.argv[1]
            w, h = 23, 17
            base = Image.new('RGBA', (w, h))
            base.putdata([((x * 11 + y * 3) % 256, (x * y * 7) % 256, (255 - x * 9) % 256, (y * 15) % 256) for y in range(h) for x in range(w)])
            images = {'rgb': base.convert('RGB'), 'rgba': base, 'l': base.convert('L'), 'la': base.convert('LA'),
                      'p': base.convert('RGB').quantize(colors=40)}
            for name, image in images.items():
                image.save(f'{d}/{name}.png', optimize=(name == 'rgb'))
                open(f'{d}/{name}.rgb', 'wb').write(image.convert('RGB').tobytes())
            """, dir);
        foreach (var name in new[] { "rgb", "rgba", "l", "la", "p" })
        {
            var image = PngDecoder.Decode(File.ReadAllBytes(Path.Combine(dir, name + ".png")), name);
            Assert.That((image.Width, image.Height), Is.EqualTo((23, 17)), name);
            Assert.That(image.Pixels, Is.EqualTo(File.ReadAllBytes(Path.Combine(dir, name + ".rgb"))), name);
        }
        Directory.Delete(dir, true);
    }

    [Test]
    public void PngFromTheSimulatorsEncoderRoundTrips()
    {
        var frame = new SimImage(31, 9);
        new Random(5).NextBytes(frame.Pixels);
        var image = new CompressedImageDecoder().Decode(new CompressedImage { Format = "rgb8; png compressed bgr8", Data = Sim.Render.PngEncoder.Encode(frame) }, "/cam/compressed");
        Assert.That(image.Pixels, Is.EqualTo(frame.Pixels));
    }

    [Test]
    public void UnknownFormatsAndTruncatedJpegsAreRefusedClearly()
    {
        Assert.That(() => new CompressedImageDecoder().Decode(new CompressedImage { Format = "jpeg", Data = [0xFF, 0xD8] }, "/c"),
            Throws.TypeOf<ImageDecodeException>().With.Message.StartsWith("JPEG from '/c': "));
        Assert.That(() => new CompressedImageDecoder().Decode(new CompressedImage { Format = "webp", Data = [] }, "/c"),
            Throws.TypeOf<ImageDecodeException>().With.Message.Contains("webp"));
    }

    /// <summary>Pillow (libjpeg) encodes the same picture as baseline 4:4:4, baseline 4:2:0, progressive 4:2:0 and grey,
    /// and its own decoding of each file is the reference. Two IDCT implementations differ by a step or two; chroma
    /// upsampling differs more at colour edges (libjpeg interpolates, JpegLibrary replicates), so 4:2:0 is held to
    /// a mean difference.</summary>
    [Test]
    public void JpegMatchesPillow()
    {
        var dir = PillowJpegs();
        // One decoder for all four, as one camera has: colour, grey, colour again at one size reuse its output image.
        var decoder = new CompressedImageDecoder();
        RgbImage? previous = null;
        foreach (var (name, format, maxDiff, meanDiff) in new[] { ("s444", "jpeg", 3, 0.6), ("grey", "jpeg", 2, 0.5), ("s420", "rgb8; jpeg compressed bgr8", 12, 3.0), ("progressive", "jpeg", 12, 3.0) })
        {
            var image = decoder.Decode(new CompressedImage { Format = format, Data = File.ReadAllBytes(Path.Combine(dir, name + ".jpg")) }, "/cam/compressed");
            Assert.That(image, Is.SameAs(previous ?? image), $"{name}: the output image is rewritten, not allocated");
            previous = image;
            var expected = File.ReadAllBytes(Path.Combine(dir, name + ".rgb"));
            Assert.That((image.Width, image.Height), Is.EqualTo((37, 21)), name);
            var differences = image.Pixels.Zip(expected, (a, b) => Math.Abs(a - b)).ToArray();
            TestContext.Out.WriteLine($"{name}: max {differences.Max()}, mean {differences.Average():F3}");
            Assert.That(differences.Max(), Is.LessThanOrEqualTo(maxDiff), name);
            Assert.That(differences.Average(), Is.LessThanOrEqualTo(meanDiff), name);
        }
        Directory.Delete(dir, true);
    }

    /// <summary>Writes {s444, s420, progressive, grey}.jpg and Pillow's RGB decoding of each (.rgb) into a temp folder.</summary>
    internal static string PillowJpegs()
    {
        var dir = Directory.CreateTempSubdirectory("vla-jpeg-").FullName;
        PythonReference.Run("""
            import sys
            from PIL import Image
            d = sys.argv[1]
            w, h = 37, 21
            base = Image.new('RGB', (w, h))
            base.putdata([(x * 6, y * 10, 40 + (x + y) * 3) for y in range(h) for x in range(w)])
            base.save(f'{d}/s444.jpg', quality=92, subsampling=0)
            base.save(f'{d}/s420.jpg', quality=85, subsampling=2)
            base.save(f'{d}/progressive.jpg', quality=80, progressive=True)
            base.convert('L').save(f'{d}/grey.jpg', quality=90)
            for name in ['s444', 's420', 'progressive', 'grey']:
                open(f'{d}/{name}.rgb', 'wb').write(Image.open(f'{d}/{name}.jpg').convert('RGB').tobytes())
            """, dir);
        return dir;
    }

    /// <summary>Random bit flips, byte overwrites, truncations and marker-length edits of Pillow's JPEGs: each must
    /// decode or fail with an <see cref="ImageDecodeException"/> naming the source, never anything else.</summary>
    [Test]
    public void MutatedJpegsFailWithATypedError()
    {
        var dir = PillowJpegs();
        var seeds = new[] { "s444", "s420", "progressive", "grey" }.Select(n => File.ReadAllBytes(Path.Combine(dir, n + ".jpg"))).ToArray();
        Directory.Delete(dir, true);
        var random = Fuzz.Random(77);
        var jpegDecoder = new JpegImageDecoder(); // one for all, as a camera has: a bad frame must not break the next
        int decoded = 0, rejected = 0;
        for (var i = 0; i < Fuzz.Cases(4000); i++)
        {
            var jpeg = (byte[])seeds[i % seeds.Length].Clone();
            switch (random.Next(4))
            {
                case 0:
                    for (var k = random.Next(1, 4); k > 0; k--)
                        jpeg[random.Next(jpeg.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    jpeg = jpeg[..random.Next(jpeg.Length)];
                    break;
                case 2:
                    jpeg[random.Next(2, jpeg.Length)] = (byte)random.Next(256);
                    break;
                default:
                    // A segment length or size field: the two bytes after a random marker.
                    var markers = Enumerable.Range(0, jpeg.Length - 3).Where(p => jpeg[p] == 0xFF && jpeg[p + 1] is >= 0xC0 and < 0xFF and not (>= 0xD0 and <= 0xD9)).ToArray();
                    var at = markers[random.Next(markers.Length)] + 2 + random.Next(2) * (random.Next(2) == 0 ? 0 : 3);
                    BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(Math.Min(at, jpeg.Length - 2)), (ushort)random.Next(65536));
                    break;
            }
            try
            {
                jpegDecoder.Decode(jpeg, "fuzz");
                decoded++;
            }
            catch (ImageDecodeException e)
            {
                Assert.That(e.Message, Does.StartWith("JPEG from fuzz: "));
                rejected++;
            }
        }
        TestContext.Out.WriteLine($"decoded {decoded}, rejected {rejected}");
        Assert.That(rejected, Is.GreaterThan(400));
        Assert.That(decoded, Is.GreaterThan(400), "many single-byte changes in entropy-coded data still decode");
    }

    /// <summary>Random byte changes, truncations and length edits of valid PNGs; half of the cases re-seal the chunk
    /// CRCs so the mutation reaches the header, inflate and filter code. Anything but a decoded image or an
    /// ImageDecodeException fails the test.</summary>
    [Test]
    public void MutatedPngsFailWithATypedError()
    {
        var frame = new SimImage(12, 10);
        new Random(1).NextBytes(frame.Pixels.AsSpan(0, 60));
        var seeds = new[] { Sim.Render.PngEncoder.Encode(frame), PalettePng() };
        var random = Fuzz.Random(2024);
        int decoded = 0, rejected = 0;
        for (var i = 0; i < Fuzz.Cases(20000); i++)
        {
            var png = (byte[])seeds[i % seeds.Length].Clone();
            switch (random.Next(4))
            {
                case 0:
                    for (var k = random.Next(1, 4); k > 0; k--)
                        png[random.Next(png.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    png = png[..random.Next(png.Length)];
                    break;
                case 2:
                    png[random.Next(8, png.Length)] = (byte)random.Next(256);
                    break;
                default:
                    var at = random.Next(8, png.Length);
                    BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(Math.Min(at, png.Length - 4)), (uint)random.Next());
                    break;
            }
            if (i % 2 == 1)
                ResealCrcs(png);
            try
            {
                PngDecoder.Decode(png, "fuzz");
                decoded++;
            }
            catch (ImageDecodeException)
            {
                rejected++;
            }
        }
        Assert.That(rejected, Is.GreaterThan(1000));
        TestContext.Out.WriteLine($"decoded {decoded}, rejected {rejected}");
    }

    /// <summary>A 2x2 palette PNG written by hand (colour type 3, filter 0).</summary>
    private static byte[] PalettePng()
    {
        using var zlibData = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(zlibData, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            z.Write([0, 0, 1, 0, 2, 1]);
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", [0, 0, 0, 2, 0, 0, 0, 2, 8, 3, 0, 0, 0]);
        Chunk(png, "PLTE", [255, 0, 0, 0, 255, 0, 0, 0, 255]);
        Chunk(png, "IDAT", zlibData.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    [Test]
    public void HandWrittenPalettePngDecodes()
    {
        var image = PngDecoder.Decode(PalettePng(), "test");
        Assert.That(image.Pixels, Is.EqualTo(new byte[] { 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 0 }));
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(header, 4);
        s.Write(header);
        s.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32([.. header.AsSpan(4), .. data]));
        s.Write(crc);
    }

    /// <summary>Rewrites each intact chunk's CRC so a mutation inside it is not caught by the CRC check.</summary>
    private static void ResealCrcs(byte[] png)
    {
        var offset = 8;
        while (offset + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            if (length > png.Length - offset - 12)
                return;
            var crc = Crc32.HashToUInt32(png.AsSpan(offset + 4, 4 + (int)length));
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(offset + 8 + (int)length), crc);
            offset += 12 + (int)length;
        }
    }
}
