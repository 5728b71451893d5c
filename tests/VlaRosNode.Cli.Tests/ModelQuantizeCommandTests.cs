using System.Text.Json;
using VlaRosNode.Cli.Commands.Model;

namespace VlaRosNode.Cli.Tests;

/// <summary><c>vla model quantize</c> end to end on a copy of the tiny fixture package.</summary>
public class ModelQuantizeCommandTests
{
    private string _package = "";

    [SetUp]
    public void CopyFixture()
    {
        var source = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "tiny-vla");
        _package = Path.Combine(Path.GetTempPath(), "vla-cli-quant-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_package);
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(_package, Path.GetFileName(file)));
    }

    [TearDown]
    public void Remove() => Directory.Delete(_package, recursive: true);

    [Test]
    public void Writes_the_variants_and_a_report_of_their_error_on_simulator_observations()
    {
        var report = Path.Combine(_package, "report.md");
        var (code, output, error) = Run(_package, "--episodes", "1", "--every", "25", "--report", report);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("decoder int4: action logits relative error").And.Contain("/lm_head/MatMul"));
        var json = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(report, ".json"))).RootElement;
        Assert.That(json.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("graph")} {e.GetProperty("precision")}"),
            Is.EqualTo(new[] { "decoder int8", "decoder int4", "decoder int4:acc0", "drafter int8", "drafter int4", "drafter int4:acc0" }),
            "int4 is also int4:acc4 (one file, measured once); int4:acc0 is its own file for DyQ's full precision");
        Assert.That(json.GetProperty("observations").GetString(), Does.StartWith("3 simulator observations"), "steps 0, 25, 50 of one episode");
        Assert.That(File.ReadAllText(report), Does.Contain("| decoder | int4 |"));
    }

    [Test]
    public void A_truncated_decoder_exits_1_naming_the_file()
    {
        var decoder = Path.Combine(_package, "decoder.onnx");
        var bytes = File.ReadAllBytes(decoder);
        File.WriteAllBytes(decoder, bytes[..(bytes.Length / 3)]);
        var (code, output, error) = Run(_package, "--report", Path.Combine(_package, "report.md"));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith("vla model quantize: model package").And.Contain("decoder.files.fp32 'decoder.onnx'"));
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = new ModelQuantizeCommand(output, error).Run(args);
        return (code, output.ToString(), error.ToString());
    }
}
