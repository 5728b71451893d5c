using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using VlaRosNode.Messages.Generator;

namespace VlaRosNode.Messages.Tests;

/// <summary>The source generator on .msg and .srv texts: our definitions generate cleanly, bad ones give a VLAMSG001
/// error naming file and line, and mutated ones never crash it.</summary>
public class GeneratorTests
{
    private sealed class MsgText(string path, string text) : AdditionalText
    {
        public override string Path => path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private static readonly Lazy<(string Path, string Text)[]> Shipped = new(() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "interfaces"), "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".msg", StringComparison.Ordinal) || p.EndsWith(".srv", StringComparison.Ordinal))
            .Select(p => (p, File.ReadAllText(p))).ToArray());

    private static GeneratorRunResult Run(IEnumerable<(string Path, string Text)> files)
    {
        var driver = CSharpGeneratorDriver.Create(
            [new MessageGenerator().AsSourceGenerator()], files.Select(f => (AdditionalText)new MsgText(f.Path, f.Text)));
        return driver.RunGenerators(CSharpCompilation.Create("msgs")).GetRunResult().Results.Single();
    }

    private static ImmutableArray<Diagnostic> Errors(string path, string text) =>
        Run(Shipped.Value.Append((path, text))).Diagnostics;

    [Test]
    public void ShippedDefinitionsGenerateOneClassEachAndTheRegistry()
    {
        var result = Run(Shipped.Value);
        Assert.That(result.Exception, Is.Null);
        Assert.That(result.Diagnostics, Is.Empty);
        var services = Shipped.Value.Count(f => f.Path.EndsWith(".srv", StringComparison.Ordinal));
        Assert.That(services, Is.GreaterThan(0));
        Assert.That(result.GeneratedSources, Has.Length.EqualTo(Shipped.Value.Length + services + 1), "a class per message, two per service, the registry");
    }

    [TestCase("string a\nint32 b", "exactly one '---'", TestName = "srv without separator")]
    [TestCase("string a\n---\nint32 b\n---\nint32 c", "exactly one '---'", TestName = "srv with two separators")]
    [TestCase("string a\n---\nNoSuchType b", "unknown message type 'NoSuchType'", TestName = "srv unknown response type")]
    public void BadServiceIsOneClearError(string text, string expected)
    {
        var errors = Errors("/repo/interfaces/test_msgs/srv/Thing.srv", text);
        Assert.That(errors, Has.Length.EqualTo(1));
        Assert.That(errors[0].GetMessage(), Does.Contain("test_msgs/Thing").And.Contain(expected));
    }

    [TestCase("uint32 x\nfloat64[abc] y", "line 2", TestName = "bad array size")]
    [TestCase("NoSuchType thing", "unknown message type 'NoSuchType'", TestName = "unknown type")]
    [TestCase("wstring s", "not supported", TestName = "wstring")]
    [TestCase("float64[] X=3", "constant", TestName = "array constant")]
    [TestCase("int32 a 1.5", "not an integer", TestName = "bad default")]
    [TestCase("uint8 Bad_Name", "lower_snake_case", TestName = "field name")]
    [TestCase("int32 x\nint32 x", "declared twice", TestName = "duplicate field")]
    [TestCase("justonetoken", "expected 'type name'", TestName = "missing name")]
    [TestCase("Thing inner", "recursive message", TestName = "recursive")]
    public void BadDefinitionIsOneClearError(string text, string expected)
    {
        var errors = Errors("/repo/interfaces/test_msgs/msg/Thing.msg", text);
        Assert.That(errors, Has.Length.EqualTo(1));
        Assert.That(errors[0].Id, Is.EqualTo("VLAMSG001"));
        Assert.That(errors[0].Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(errors[0].GetMessage(), Does.Contain("test_msgs/Thing").And.Contain(expected));
    }

    [Test]
    public void MisplacedFileIsAnError() =>
        Assert.That(Errors("/repo/interfaces/Thing.msg", "int32 x").Single().GetMessage(), Does.Contain("<package>/msg/<Name>.msg"));

    [Test]
    public void ServiceInAMsgFolderIsAnError() =>
        Assert.That(Errors("/repo/interfaces/test_msgs/msg/Thing.srv", "---").Single().GetMessage(), Does.Contain("<package>/srv/<Name>.srv"));

    [Test]
    public void MutatedDefinitionsNeverCrashTheGenerator()
    {
        var cases = Fuzz.Cases(300); // each runs the generator over every shipped file
        const string alphabet = "abcXYZ019_/[]<=#\"' \n-.";
        var random = Fuzz.Random(99);
        var files = Shipped.Value;
        var outcomes = new int[2];
        for (var i = 0; i < cases; i++)
        {
            var target = random.Next(files.Length);
            var text = TextMutator.Mutate(files[target].Text, alphabet, random);
            var mutated = files.Select((f, k) => k == target ? (f.Path, text) : f);
            var result = Run(mutated);
            Assert.That(result.Exception, Is.Null, $"case {i}: the generator crashed on\n{text}");
            Assert.That(result.Diagnostics.All(d => d.Id == "VLAMSG001"), Is.True);
            outcomes[result.Diagnostics.IsEmpty ? 0 : 1]++;
        }
        TestContext.Out.WriteLine($"{cases} mutated .msg/.srv sets: {outcomes[0]} generated cleanly, {outcomes[1]} reported VLAMSG001");
        Assert.That(outcomes, Has.All.GreaterThan(cases / 20));
    }
}
