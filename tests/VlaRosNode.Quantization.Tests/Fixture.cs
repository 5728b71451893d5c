using System.Text.RegularExpressions;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Images;

namespace VlaRosNode.Quantization.Tests;

/// <summary>The policy tests' committed tiny package, and fresh copies of it for tests that write into it.</summary>
internal static class Fixture
{
    public static string PackageDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "tiny-vla");

    public static string CopyPackage()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vla-quant-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(PackageDirectory))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }

    /// <summary>A copy as the exporter writes it: fp32 graphs only, no variant files or entries.</summary>
    public static string CopyFp32Package()
    {
        var dir = CopyPackage();
        foreach (var variant in Directory.GetFiles(dir, "*.int?.onnx"))
            File.Delete(variant);
        var manifest = Path.Combine(dir, ModelPackage.ManifestFile);
        File.WriteAllText(manifest, Regex.Replace(File.ReadAllText(manifest), @"files: \{fp32: ([\w.]+)[^}]*\}", "files: {fp32: $1}"));
        return dir;
    }

    /// <summary>Seeded noise on both fixture cameras with the fixture's instruction words (it was trained on noise).</summary>
    public static Observation Observation(int seed)
    {
        var rng = new Random(seed);
        var images = Enumerable.Range(0, 2).Select(_ =>
        {
            var pixels = new byte[20 * 24 * 3];
            rng.NextBytes(pixels);
            return new RgbImage(24, 20, pixels);
        }).ToArray();
        return new Observation(images, "pick up the red cube");
    }
}
