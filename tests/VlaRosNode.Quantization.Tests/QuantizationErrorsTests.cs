using System.Text.Json;
using VlaRosNode.Quantization.Errors;
using VlaRosNode.Quantization.Package;
using VlaRosNode.Quantization.Schemes;

namespace VlaRosNode.Quantization.Tests;

public sealed class QuantizationErrorsTests
{
    private string _package = "";
    private IReadOnlyList<VariantFile> _written = [];
    private IReadOnlyList<VariantErrors> _errors = [];

    [OneTimeSetUp]
    public void QuantiseAndMeasure()
    {
        _package = Fixture.CopyPackage();
        _written = PackageQuantizer.Quantize(_package, [new Int8Dynamic(), new Int4MatMulNBits()]);
        // An "fp32 copy" entry: the fp32 graph under another name must measure exactly zero error.
        ManifestVariants.Write(_package, [("decoder", "same", "decoder.onnx")]);
        _errors = QuantizationErrors.Measure(_package, Enumerable.Range(0, 3).Select(Fixture.Observation).ToArray());
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_package, recursive: true);

    [Test]
    public void Every_variant_in_the_manifest_is_measured_per_MatMul()
    {
        Assert.That(_errors.Select(e => $"{e.Graph} {e.Precision}"),
            Is.EqualTo(new[] { "decoder int8", "decoder int4", "decoder same", "drafter int8", "drafter int4" }));
        var decoder = _errors[0];
        Assert.That(decoder.Layers.Select(l => l.Node), Is.EqualTo(_written[0].MatMuls.Select(m => m.Node)));
        Assert.That(decoder.Layers[^1], Has.Property("Node").EqualTo("/lm_head/MatMul").And.Property("N").EqualTo(290));
        Assert.That(decoder.ArgmaxTotal, Is.EqualTo(3 * 7), "3 observations x 7 action positions");
    }

    [Test]
    public void The_unchanged_graph_measures_zero_and_quantised_ones_small_nonzero_errors()
    {
        var same = _errors.Single(e => e.Precision == "same");
        Assert.That(same.Layers.Select(l => l.RelativeError), Is.All.EqualTo(0));
        Assert.That(same.MaxLogitError, Is.Zero);
        Assert.That(same.ArgmaxAgreed, Is.EqualTo(same.ArgmaxTotal));
        foreach (var graph in new[] { "decoder", "drafter" })
        {
            var int8 = _errors.Single(e => e.Graph == graph && e.Precision == "int8");
            var int4 = _errors.Single(e => e.Graph == graph && e.Precision == "int4");
            Assert.That(int8.Layers.Select(l => l.RelativeError), Is.All.InRange(1e-4, 0.03), $"{graph} int8: 8 bits, ~1% per MatMul");
            Assert.That(int4.Layers.Select(l => l.RelativeError), Is.All.InRange(0.01, 0.2), $"{graph} int4: 4 bits, ~7% per MatMul");
            Assert.That(int4.LogitRelativeError, Is.GreaterThan(int8.LogitRelativeError * 3), graph);
            Assert.That(int4.ArgmaxAgreed, Is.GreaterThanOrEqualTo(int4.ArgmaxTotal - 2), graph);
        }
    }

    [Test]
    public void The_json_report_carries_the_measured_numbers()
    {
        var json = JsonDocument.Parse(QuantizationReport.Json(_package, "3 observations", _written, _errors)).RootElement;
        var first = json.GetProperty("errors")[0];
        Assert.That(first.GetProperty("logit_relative_error").GetDouble(), Is.EqualTo(_errors[0].LogitRelativeError));
        Assert.That(first.GetProperty("layers").GetArrayLength(), Is.EqualTo(9));
        Assert.That(json.GetProperty("variants")[1].GetProperty("file").GetString(), Is.EqualTo("decoder.int4.onnx"));
        var markdown = QuantizationReport.Markdown(_package, "3 observations", _written, _errors);
        Assert.That(markdown, Does.Contain("## decoder int4: per MatMul").And.Contain("| /lm_head/MatMul | 32 x 290 |"));
    }
}
