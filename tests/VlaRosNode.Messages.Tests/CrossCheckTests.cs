using System.Text.Json;
using System.Text.Json.Nodes;
using VlaRosNode.Messages.Text;

namespace VlaRosNode.Messages.Tests;

/// <summary>Our encoder and decoder against @foxglove/rosmsg2-serialization: the committed fixture
/// (tests/messages-crosscheck/crosscheck.js encode) and the same script run live.</summary>
public class CrossCheckTests
{
    private static FoxgloveCase[] Cases => FoxgloveFixture.Cases;

    [Test]
    public void FixtureCoversEveryType() =>
        Assert.That(Cases.Select(c => c.Type).Distinct(), Is.EquivalentTo(MessageRegistry.All.Select(t => t.RosName)));

    [Test]
    public void OurBytesEqualFoxglovesForEveryFixtureCase()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Cases.Where(c => c.Cdr != null))
                AssertSameIgnoringPadding(CdrTestBytes.Encode(c.Build()), c.Cdr!, c.ToString());
        });
    }

    [Test]
    public void WeDecodeFoxglovesBytesToTheSameValues()
    {
        Assert.Multiple(() =>
        {
            foreach (var c in Cases.Where(c => c.Cdr != null))
            {
                var decoded = MessageRegistry.Get(c.Type).Decode(c.Cdr!);
                var expected = c.Build();
                Assert.That(MessageYaml.Format(decoded), Is.EqualTo(MessageYaml.Format(expected)), c.ToString());
                Assert.That(CdrTestBytes.Encode(decoded), Is.EqualTo(CdrTestBytes.Encode(expected)), c.ToString()); // NaN payloads, -0
            }
        });
    }

    [Test]
    public void OnlyNonAsciiCasesLackFoxgloveBytes()
    {
        // @foxglove/cdr 3.5.0 truncates non-ASCII strings when writing; those cases are checked through its reader only.
        foreach (var c in Cases.Where(c => c.Cdr == null))
        {
            Assert.That(c.WriterDefect, Does.Contain("non-ASCII"), c.ToString());
            Assert.That(c.Values.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).Any(ch => ch > 127), c.ToString());
        }
        Assert.That(Cases.Count(c => c.Cdr != null), Is.GreaterThan(35));
    }

    [Test]
    public void LiveScriptReproducesTheCommittedFixture()
    {
        var live = NodeScript.Run("encode");
        Assert.That(live, Is.EqualTo(File.ReadAllText(RepoPaths.FoxgloveFixture)),
            "regenerate with: cd tests/messages-crosscheck && node crosscheck.js encode > ../VlaRosNode.Messages.Tests/Fixtures/foxglove-cdr.json");
    }

    [Test]
    public void FoxgloveDecodesOurBytesToTheSameValuesAndParsesOurSchemas()
    {
        var ours = Cases.Select(c => new JsonObject
        {
            ["type"] = c.Type, ["name"] = c.Name, ["cdr"] = Convert.ToBase64String(CdrTestBytes.Encode(c.Build())),
        });
        var input = new JsonObject
        {
            ["cases"] = new JsonArray(ours.ToArray<JsonNode>()),
            ["schemas"] = new JsonObject(MessageRegistry.All.Select(t => KeyValuePair.Create(t.RosName, (JsonNode?)t.Ros2MsgSchema))),
        };
        var result = JsonNode.Parse(NodeScript.Run("decode", input.ToJsonString()))!;

        Assert.That(result["schemaMismatches"]!.AsArray(), Is.Empty, "our ros2msg schema text parses to different definitions");
        var decoded = result["cases"]!.AsArray();
        Assert.That(decoded, Has.Count.EqualTo(Cases.Length));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < decoded.Count; i++)
            {
                var c = Cases[i];
                Assert.That(decoded[i]!["error"], Is.Null, c.ToString());
                Assert.That((bool?)decoded[i]!["trailingBytes"], Is.False, c.ToString());
                Assert.That(JsonNode.DeepEquals(decoded[i]!["values"], c.Values), Is.True,
                    $"{c}: foxglove read {decoded[i]!["values"]?.ToJsonString().Truncate()}, expected {c.Values.ToJsonString().Truncate()}");
            }
        });
    }

    private static void AssertSameIgnoringPadding(byte[] ours, byte[] theirs, string what)
    {
        var common = Math.Min(ours.Length, theirs.Length);
        var longer = ours.Length > theirs.Length ? ours : theirs;
        Assert.That(ours.AsSpan(0, common).SequenceEqual(theirs.AsSpan(0, common)), Is.True,
            $"{what}: first difference at byte {ours.AsSpan(0, common).CommonPrefixLength(theirs.AsSpan(0, common))}");
        Assert.That(longer.Length - common, Is.LessThan(4), $"{what}: lengths {ours.Length} vs {theirs.Length}");
        Assert.That(longer.AsSpan(common).ContainsAnyExcept((byte)0), Is.False, $"{what}: trailing bytes are not zero padding");
    }
}

internal static class TruncateExtension
{
    public static string Truncate(this string text, int length = 300) => text.Length <= length ? text : text[..length] + "...";
}
