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
}
