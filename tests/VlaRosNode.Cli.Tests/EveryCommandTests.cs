using System.Reflection;

namespace VlaRosNode.Cli.Tests;

/// <summary>Every `vla` command in the assembly (found by reflection, so new ones are covered too) refuses an unknown
/// flag before doing anything, and prints help generated from its declared options.</summary>
[NonParallelizable] // changes the working directory
public class EveryCommandTests
{
    private static IEnumerable<TestCaseData> Commands() =>
        typeof(ICliCommand).Assembly.GetTypes()
            .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => new TestCaseData(t).SetArgDisplayNames(t.Name));

    private sealed record Outcome(int Code, string Output, string Error, string[] FilesCreated, string Name);

    private static Outcome RunIn(Type type, string[] args)
    {
        var constructor = type.GetConstructor([typeof(TextWriter), typeof(TextWriter)])
                          ?? throw new AssertionException($"{type.Name} has no (TextWriter output, TextWriter error) constructor");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var command = (ICliCommand)constructor.Invoke([output, error]);
        var scratch = Directory.CreateTempSubdirectory("vla-cli-test-").FullName;
        var previous = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(scratch);
            var code = command.Run(args);
            return new Outcome(code, output.ToString(), error.ToString(),
                Directory.EnumerateFileSystemEntries(scratch, "*", SearchOption.AllDirectories).ToArray(), command.Name);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
            Directory.Delete(scratch, recursive: true);
        }
    }

    [TestCaseSource(nameof(Commands))]
    public void AnUnknownFlagIsAUsageErrorWithNoSideEffects(Type type)
    {
        var result = RunIn(type, ["--no-such-flag", "1"]);
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.EqualTo(2));
            Assert.That(result.Error, Does.StartWith($"vla {result.Name}: ").And.Contain("'--no-such-flag'"));
            Assert.That(result.Error, Does.Contain($"usage: vla {result.Name}"));
            Assert.That(result.Output, Is.Empty);
            Assert.That(result.FilesCreated, Is.Empty, "nothing written to the working directory");
        });
    }

    [TestCaseSource(nameof(Commands))]
    public void HelpIsGeneratedFromTheDeclaredOptions(Type type)
    {
        var result = RunIn(type, ["--help"]);
        Assert.Multiple(() =>
        {
            Assert.That(result.Code, Is.Zero);
            Assert.That(result.Output, Does.StartWith($"usage: vla {result.Name}"));
            Assert.That(result.Error, Is.Empty);
            Assert.That(result.FilesCreated, Is.Empty);
        });
    }

    [Test]
    public void EveryCommandIsFound() =>
        Assert.That(Commands().Count(), Is.GreaterThanOrEqualTo(22));
}
