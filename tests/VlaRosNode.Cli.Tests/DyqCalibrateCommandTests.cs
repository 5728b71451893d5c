using VlaRosNode.Cli.Commands.Dyq;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Dyq;
using VlaRosNode.Policy.Dyq;

namespace VlaRosNode.Cli.Tests;

/// <summary><c>vla dyq calibrate</c> on the tiny fixture: which normalisation the written parameter file carries.</summary>
public class DyqCalibrateCommandTests
{
    private static readonly string Model = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "tiny-vla");
    private static readonly string Node = "/" + PolicyNode.DefaultName;
    private string _dir = "";

    [SetUp]
    public void MakeDirectory() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "vla-cli-dyq-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [TestCase(new string[0], ProxyScale.Linear, TestName = "The --params file's normalisation is kept")]
    [TestCase(new[] { "--normalization", "log" }, ProxyScale.Log, TestName = "--normalization replaces the --params file's")]
    public void Calibrates_with_the_normalisation_it_was_given(string[] extra, ProxyScale expected)
    {
        var start = Path.Combine(_dir, "start.yaml");
        File.WriteAllText(start, DyqParameters.ToYaml(new DyqOptions { Normalization = ProxyScale.Linear }, Node, "# start"));
        var written = Path.Combine(_dir, "dyq.yaml");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = new DyqCalibrateCommand(output, error).Run(
            ["--model", Model, "--full", "fp32", "--lower", "int8", "--suite", "spatial", "--episodes", "1", "--max-steps", "30",
             "--params", start, "--out", written, .. extra]);
        Assert.That(code, Is.EqualTo(0), error.ToString());
        Assert.That(DyqParameters.Load(written, Node, new DyqOptions()).Normalization, Is.EqualTo(expected));
    }
}
