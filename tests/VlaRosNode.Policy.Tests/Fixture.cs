using System.Text.Json;
using VlaRosNode.Policy.Images;

namespace VlaRosNode.Policy.Tests;

/// <summary>The committed tiny packages and the values PyTorch computed for them: tiny-vla, our own model
/// (tools/train/vla_train/fixture.py); tiny-openvla, a random transformers Llama behind an OpenVLA-shaped vision
/// stand-in, exported by the OpenVLA recipe (tools/train/vla_train/openvla_export.py). Each has FOLDER-reference.</summary>
internal static class Fixture
{
    public const string OurModel = "tiny-vla";
    public const string OpenVlaExport = "tiny-openvla";

    public static string PackageDirectory => Folder(OurModel);

    public static Reference Expected => ReferenceOf(OurModel);

    public static string Folder(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Reference> References = new();

    public static Reference ReferenceOf(string package) =>
        References.GetOrAdd(package, p => Reference.Load(Folder(p + "-reference")));

    /// <summary>A copy of the fixture package in a fresh temporary folder, for tests that break it.</summary>
    public static string CopyPackage()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vla-pkg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(PackageDirectory))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }
}

internal sealed class Reference
{
    private readonly JsonElement _root;
    private readonly float[] _data;

    private Reference(JsonElement root, float[] data)
    {
        _root = root;
        _data = data;
    }

    public static Reference Load(string dir)
    {
        var root = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "reference.json"))).RootElement;
        var bytes = File.ReadAllBytes(Path.Combine(dir, "reference.bin"));
        var data = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, data, 0, bytes.Length);
        return new Reference(root, data);
    }

    public string Instruction => _root.GetProperty("instruction").GetString()!;
    public int PrefixLength => _root.GetProperty("prefill_length").GetInt32();
    public int[] PromptIds => Ints("prompt_ids");
    public int[] GreedyTokens => Ints("greedy_tokens");
    public int[] DrafterGreedyTokens => Ints("drafter_greedy_tokens");

    /// <summary>The raw camera images, [cameras][H][W][3] in the JSON.</summary>
    public RgbImage[] Images =>
        _root.GetProperty("images").EnumerateArray().Select(camera =>
        {
            var rows = camera.EnumerateArray().ToArray();
            var width = rows[0].GetArrayLength();
            var pixels = rows.SelectMany(r => r.EnumerateArray().SelectMany(p => p.EnumerateArray().Select(c => c.GetByte()))).ToArray();
            return new RgbImage(width, rows.Length, pixels);
        }).ToArray();

    public Observation Observation => new(Images, Instruction);

    /// <summary>A named float32 array, flattened.</summary>
    public float[] Array(string name)
    {
        var entry = _root.GetProperty("arrays").GetProperty(name);
        var offset = entry.GetProperty("offset").GetInt32();
        var length = entry.GetProperty("shape").EnumerateArray().Aggregate(1, (a, d) => a * d.GetInt32());
        return _data.AsSpan(offset, length).ToArray();
    }

    private int[] Ints(string name) => _root.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
