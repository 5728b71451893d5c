using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Policy.Tests;

/// <summary>Loading checks files, manifest fields, statistics and graph signatures, failing with one clear error.</summary>
public class ModelPackageTests
{
    private readonly List<string> _folders = [];

    [TearDown]
    public void RemoveCopies()
    {
        foreach (var dir in _folders)
            Directory.Delete(dir, recursive: true);
        _folders.Clear();
    }

    [Test]
    public void A_file_listed_under_two_precision_names_is_one_variant()
    {
        var decoder = ModelPackage.Load(Fixture.PackageDirectory).Manifest.Decoder;
        Assert.That(decoder.Files["int4:acc4"], Is.EqualTo(decoder.Files["int4"]), "the fixture lists int4 twice");
        Assert.That(decoder.Variants.Select(v => v.Key), Is.EqualTo(new[] { "fp32", "int8", "int4" }));
    }

    [Test]
    public void The_fixture_loads_with_what_its_manifest_says()
    {
        var package = ModelPackage.Load(Fixture.PackageDirectory);
        var m = package.Manifest;
        Assert.That(m.Image.Cameras, Is.EqualTo(new[] { "front", "wrist" }));
        Assert.That(m.PrefixTokens, Is.EqualTo(1 + 2 * 4));
        Assert.That(m.Decoder.Cache, Is.EqualTo(new CacheSpec(2, 2, 16, 48)));
        Assert.That(m.Drafter!.Cache.Layers, Is.EqualTo(1));
        Assert.That(m.Statistics.Keys[m.Statistics.Default].Mask, Is.EqualTo(new[] { true, true, true, true, true, true, false }));
        Assert.That(m.Prompt.Template, Is.EqualTo("In: What action should the robot take to {instruction}?\nOut:"));
    }

    [TestCase("decoder.onnx", "decoder.files.fp32")]
    [TestCase("tokenizer.json", "tokenizer.file")]
    [TestCase("manifest.yaml", "manifest.yaml")]
    public void A_missing_file_is_named(string file, string where)
    {
        var dir = Copy();
        File.Delete(Path.Combine(dir, file));
        AssertPackageError(() => ModelPackage.Load(dir), where, "");
    }

    [TestCase("q99: [", "q99: [9.0, ", "statistics.keys.synthetic.q99", "has 8 values")]
    [TestCase("heads: 2, head_dim: 16, max_length: 48}\ndrafter", "heads: 2, head_dim: 16, max_length: 9}\ndrafter",
        "decoder.cache.max_length", "cannot hold")]
    [TestCase("rule: openvla", "rule: octo", "action.rule", "not supported")]
    [TestCase("vision: {file: vision.onnx", "vision: {file: ../outside.onnx", "vision.file", "inside the package")]
    [TestCase("default: synthetic", "default: libero", "statistics.default", "not one of")]
    public void A_bad_manifest_field_is_named(string find, string replace, string where, string problem)
    {
        var dir = Copy();
        Edit(dir, "manifest.yaml", find, replace);
        AssertPackageError(() => ModelPackage.Load(dir), where, problem);
    }

    [TestCase("logits: logits\n  hidden_size: 32", "logits: scores\n  hidden_size: 32", "decoder.onnx", "has no output 'scores'")]
    [TestCase("heads: 2, head_dim: 16, max_length: 48}\ndrafter", "heads: 4, head_dim: 8, max_length: 48}\ndrafter",
        "decoder.onnx input 'past_key_values.0.key'", "axis 1 is 2, expected 4")]
    [TestCase("tokens_per_camera: 4", "tokens_per_camera: 5", "vision.file 'vision.onnx'", "does not produce [1, 10, 32] visual tokens")]
    [TestCase("position_ids: position_ids\n  past_key", "position_ids: positions\n  past_key", "decoder.onnx", "has input 'position_ids'")]
    public void A_graph_that_differs_from_the_manifest_is_named(string find, string replace, string where, string problem)
    {
        var dir = Copy();
        Edit(dir, "manifest.yaml", find, replace);
        var package = ModelPackage.Load(dir);
        AssertPackageError(() => LoadedModel.Open(package, new EngineOptions()).Dispose(), where, problem);
    }

    [Test]
    public void A_corrupt_sentencepiece_model_is_named()
    {
        var dir = Copy();
        File.WriteAllBytes(Path.Combine(dir, "tokenizer.model"), [0x0a, 0x05, 0x61, 0xff, 0x12]);
        Edit(dir, "manifest.yaml", "tokenizer: {type: word-level, file: tokenizer.json}",
            "tokenizer: {type: llama-sentencepiece, file: tokenizer.model}");
        AssertPackageError(() => ModelPackage.Load(dir), "tokenizer.file 'tokenizer.model'", "not a SentencePiece model");
    }

    [Test]
    public void A_corrupt_onnx_file_is_named()
    {
        var dir = Copy();
        File.WriteAllBytes(Path.Combine(dir, "embed.onnx"), [1, 2, 3, 4, 5]);
        AssertPackageError(() => LoadedModel.Open(ModelPackage.Load(dir), new EngineOptions()).Dispose(),
            "embed.file 'embed.onnx'", "ONNX Runtime cannot load it");
    }

    [Test]
    public void An_unknown_precision_lists_the_ones_there_are()
    {
        var error = Assert.Throws<ModelPackageException>(() =>
            LoadedModel.Open(ModelPackage.Load(Fixture.PackageDirectory), new EngineOptions { Precision = "fp16" }).Dispose())!;
        Assert.That(error.Message, Does.Contain("decoder.files").And.Contain("no precision 'fp16' (it has: fp32, int8, int4, int4:acc4;"));
    }

    [Test]
    public void Asking_for_cuda_on_the_cpu_package_falls_back_to_cpu_with_the_reason()
    {
        using var model = LoadedModel.Open(ModelPackage.Load(Fixture.PackageDirectory), new EngineOptions { Device = ExecutionDevice.Cuda });
        Assert.That(model.Device, Is.EqualTo(ExecutionDevice.Cpu));
        Assert.That(model.FallbackReason, Does.Contain("CUDA"));
    }

    private string Copy()
    {
        var dir = Fixture.CopyPackage();
        _folders.Add(dir);
        return dir;
    }

    /// <summary>The load fails with the package error, naming <paramref name="where"/> and <paramref name="problem"/>.</summary>
    private static void AssertPackageError(TestDelegate load, string where, string problem)
    {
        var error = Assert.Throws<ModelPackageException>(load)!;
        Assert.That(error.Where, Is.EqualTo(where));
        Assert.That(error.Problem, Does.Contain(problem));
    }

    private static void Edit(string dir, string file, string find, string replace)
    {
        var path = Path.Combine(dir, file);
        var text = File.ReadAllText(path);
        Assert.That(text, Does.Contain(find), "the edit's anchor");
        File.WriteAllText(path, text.Replace(find, replace));
    }
}
