using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Images;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Policy.Tests;

/// <summary>The C# engine against PyTorch on a committed package: preprocessing, vision, prompt, prefill, decode,
/// verify and the action. Each derived class names its package.</summary>
public abstract class PackageReferenceTests(string package)
{
    private protected const float Tolerance = 1e-5f;
    private protected VlaPolicy _policy = null!;
    private protected Reference _expected = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _policy = VlaPolicy.Open(Fixture.Folder(package));
        _expected = Fixture.ReferenceOf(package);
    }

    [OneTimeTearDown]
    public void Close() => _policy.Dispose();

    [Test]
    public void Preprocessing_and_vision_match_torch()
    {
        var pixels = new float[_expected.Array("pixel_values").Length];
        var pre = new ImagePreprocessor(_policy.Package.Manifest.Image);
        var images = _expected.Images;
        for (var c = 0; c < images.Length; c++)
            pre.Run(images[c], pixels.AsSpan(c * pre.OutputLength, pre.OutputLength));
        AssertClose(pixels, _expected.Array("pixel_values"));

        pixels.CopyTo(_policy.Model.Vision.Pixels);
        AssertClose(_policy.Model.Vision.Run().ToArray(), _expected.Array("visual_tokens"));
    }

    [Test]
    public void Prompt_ids_match_the_python_tokenizer()
    {
        var ids = new Tokenizers.PromptBuilder(_policy.Package.Manifest.Prompt, _policy.Package.Tokenizer).Ids(_expected.Instruction);
        Assert.That(ids.ToArray(), Is.EqualTo(new[] { _policy.Package.Manifest.Prompt.BosTokenId }.Concat(_expected.PromptIds)));
    }

    [Test]
    public void Prefill_decode_and_greedy_tokens_match_torch()
    {
        var context = PrefilledContext(out var prefill);
        AssertClose(prefill, _expected.Array("prefill_logits"));

        var decode = _expected.Array("decode_logits");
        var vocab = _policy.Model.Target.VocabularySize;
        var tokens = _expected.GreedyTokens;
        for (var i = 1; i < tokens.Length; i++)
        {
            var logits = context.Feed(context.Target, tokens[i - 1]);
            AssertClose(logits.ToArray(), decode.AsSpan((i - 1) * vocab, vocab).ToArray());
        }

        var output = _policy.Step(_expected.Observation);
        Assert.That(output.Tokens, Is.EqualTo(tokens));
        AssertClose(output.Action, _expected.Array("action"));
        Assert.That(output.Statistics.TargetPasses, Is.EqualTo(tokens.Length), "prefill + one decode per further token");
    }

    [Test]
    public void An_instruction_too_long_for_the_cache_is_refused_and_the_next_step_works()
    {
        var longer = new Observation(_expected.Images, string.Join(' ', Enumerable.Repeat("cube", 40)));
        var capacity = _policy.Package.Manifest.Decoder.Cache.MaxLength;
        Assert.That(() => _policy.Step(longer), Throws.ArgumentException.With.Message.Contains($"max_length {capacity}"));
        Assert.That(_policy.Step(_expected.Observation).Tokens, Is.EqualTo(_expected.GreedyTokens));
    }

    [Test]
    public void Seven_token_verify_matches_torch()
    {
        var context = PrefilledContext(out _);
        var verify = context.Feed(context.Target, _expected.GreedyTokens);
        AssertClose(verify.ToArray(), _expected.Array("verify_logits"));
        Assert.That(context.Target.Length, Is.EqualTo(_expected.PrefixLength + 7));
    }

    /// <summary>Runs a step that only captures the context (which holds the prefix), then prefills the target.</summary>
    private protected DecodingContext PrefilledContext(out float[] prefillLogits)
    {
        var context = ContextCapture.Capture(_policy, _expected.Observation);
        Assert.That(context.PrefixLength, Is.EqualTo(_expected.PrefixLength));
        prefillLogits = context.Prefill(context.Target).ToArray();
        return context;
    }

    internal static void AssertClose(float[] actual, float[] expected)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        var worst = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        Assert.That(worst, Is.LessThanOrEqualTo(Tolerance), $"largest difference {worst}");
    }
}

/// <summary>Our own model (tools/train/vla_train/fixture.py): the shared checks, the drafter and the quantised variants.</summary>
public class EngineReferenceTests() : PackageReferenceTests(Fixture.OurModel)
{
    [Test]
    public void Drafter_matches_torch()
    {
        var context = PrefilledContext(out _);
        var drafter = context.Drafter!;
        var vocab = drafter.VocabularySize;
        var prefill = _expected.Array("drafter_prefill_logits");
        AssertClose(context.Prefill(drafter).ToArray(), prefill);
        var decode = _expected.Array("drafter_decode_logits");
        var tokens = _expected.DrafterGreedyTokens;
        for (var i = 1; i < tokens.Length; i++)
            AssertClose(context.Feed(drafter, tokens[i - 1]).ToArray(), decode.AsSpan((i - 1) * vocab, vocab).ToArray());
    }

    [TestCase("int8", 0.1f)]
    [TestCase("int4", 0.5f)]
    public void The_quantised_variants_stay_near_torch_fp32(string precision, float tolerance)
    {
        // Written by vla model quantize (tests/VlaRosNode.Quantization.Tests check how); here: they run in the engine.
        using var quantised = VlaPolicy.Open(Fixture.PackageDirectory, new EngineOptions { Precision = precision });
        var context = ContextCapture.Capture(quantised, _expected.Observation);
        var logits = context.Prefill(context.Target).ToArray();
        var expected = _expected.Array("prefill_logits");
        var worst = logits.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
        Assert.That(worst, Is.GreaterThan(Tolerance), "a different graph from fp32");
        Assert.That(worst, Is.LessThan(tolerance));
        Assert.That(quantised.Step(_expected.Observation).Statistics.Precision, Is.EqualTo(precision));
    }
}

/// <summary>The OpenVLA export recipe, run on a random transformers LlamaForCausalLM (transformers 5.17, torch 2.11) with
/// the reference computed by transformers itself with its own cache: the graphs it writes run in our engine.</summary>
public class OpenVlaExportReferenceTests() : PackageReferenceTests(Fixture.OpenVlaExport);
