using System.Text.Json;
using VlaRosNode.Policy.Tokenizers;

namespace VlaRosNode.Policy.Tests;

/// <summary>The OpenVLA-family tokenizer path against the reference sentencepiece library, on a tiny Llama-style
/// BPE model with byte fallback (tools/train/vla_train/spm_fixture.py).</summary>
public class LlamaTokenizerTests
{
    private static string Dir => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "llama-tokenizer");

    [Test]
    public void Ids_match_sentencepiece()
    {
        var tokenizer = LlamaTokenizerAdapter.FromFile(Path.Combine(Dir, "tokenizer.model"));
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "expected.json"))).RootElement;
        Assert.That(tokenizer.VocabularySize, Is.EqualTo(expected.GetProperty("vocab_size").GetInt32()));
        var cases = expected.GetProperty("cases").EnumerateArray().ToArray();
        Assert.That(cases, Is.Not.Empty);
        foreach (var c in cases)
        {
            var ids = c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.That(tokenizer.Encode(c.GetProperty("text").GetString()!), Is.EqualTo(ids), c.GetProperty("text").GetString());
        }
    }

    [Test]
    public void Mutated_models_fail_only_with_FormatException()
    {
        var valid = File.ReadAllBytes(Path.Combine(Dir, "tokenizer.model"));
        var path = Path.Combine(Path.GetTempPath(), $"spm-fuzz-{Guid.NewGuid():N}.model");
        var rng = Fuzz.Random(9);
        var rejected = 0;
        try
        {
            for (var i = 0; i < Fuzz.Cases(300); i++)
            {
                var bytes = valid.ToArray();
                if (rng.Next(3) == 0)
                    bytes = bytes[..rng.Next(bytes.Length)];
                for (var flips = rng.Next(1, 4); flips > 0 && bytes.Length > 0; flips--)
                    bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                File.WriteAllBytes(path, bytes);
                try
                {
                    LlamaTokenizerAdapter.FromFile(path).Encode("pick up the red cube");
                }
                catch (FormatException)
                {
                    rejected++;
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
        Assert.That(rejected, Is.GreaterThan(30));
    }
}
