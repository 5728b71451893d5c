using System.Globalization;
using VlaRosNode.Cli.Commands.Bench;

namespace VlaRosNode.Cli.Tests;

/// <summary><c>vla bench memory</c> on the tiny fixture: each configuration measured in a child `vla` process.</summary>
public class MemoryBenchCommandTests
{
    private static readonly string Model = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "tiny-vla");

    [Test]
    public void Each_configuration_gets_its_weight_bytes_and_the_memory_its_child_process_added()
    {
        var report = Path.Combine(Path.GetTempPath(), $"vla-cli-memory-{Guid.NewGuid():N}.md");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        try
        {
            var code = new MemoryBenchCommand(stdout, stderr).Run(
                ["--model", Model, "--config", "fp32=fp32", "--config", "both=int8+int4", "--steps", "1", "--report", report]);
            Assert.That(code, Is.EqualTo(0), stderr.ToString());
            var rows = File.ReadAllLines(report).Where(l => l.StartsWith("| fp32 ", StringComparison.Ordinal) || l.StartsWith("| both ", StringComparison.Ordinal))
                .Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToArray();
            Assert.That(rows.Select(r => r[1]), Is.EqualTo(new[] { "fp32", "both" }));
            Assert.That(rows.Select(r => long.Parse(r[3], CultureInfo.InvariantCulture)),
                Is.EqualTo(new[] { Bytes("decoder.onnx", "drafter.onnx"), Bytes("decoder.int8.onnx", "drafter.int8.onnx", "decoder.int4.onnx", "drafter.int4.onnx") }),
                "decoder and drafter files of the configuration's precisions");
            Assert.That(rows.Select(r => double.Parse(r[6], CultureInfo.InvariantCulture)), Has.All.GreaterThan(0.0),
                "the sessions of the policy add resident memory in the child");
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Test]
    public void A_configuration_without_a_label_is_a_usage_error()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        Assert.That(new MemoryBenchCommand(stdout, stderr).Run(["--model", Model, "--config", "fp32"]), Is.EqualTo(2));
        Assert.That(stderr.ToString(), Does.Contain("vla bench memory: --config 'fp32': not LABEL=PRECISION[+PRECISION...]"));
    }

    private static long Bytes(params string[] files) => files.Sum(f => new FileInfo(Path.Combine(Model, f)).Length);
}
