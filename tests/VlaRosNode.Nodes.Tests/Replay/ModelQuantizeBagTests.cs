using System.Text.Json;
using VlaRosNode.Cli.Commands.Model;
using VlaRosNode.Nodes.Tests.Support;

namespace VlaRosNode.Nodes.Tests.Replay;

/// <summary><c>vla model quantize --bag</c>: the error report measured on a recorded bag's observations.</summary>
public class ModelQuantizeBagTests
{
    [Test]
    public void The_error_report_can_come_from_a_recorded_bag()
    {
        var (bag, _, _) = RobotBags.Python(8);
        var package = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"quantize-bag-{Guid.NewGuid():N}");
        Directory.CreateDirectory(package);
        foreach (var file in Directory.GetFiles(TestPaths.FixtureModel))
            File.Copy(file, Path.Combine(package, Path.GetFileName(file)));
        var report = Path.Combine(package, "report.md");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = new ModelQuantizeCommand(output, error).Run([package, "--bag", bag, "--every", "2", "--report", report,
            "--camera-topics", .. RobotBags.PythonCameras, "--instruction-topic", RobotBags.PythonInstructionTopic,
            "--command-topic", RobotBags.PythonCommandTopic]);

        Assert.That(code, Is.Zero, error.ToString());
        Assert.That(output.ToString(), Does.Contain("errors against fp32 on 4 observations of 1 recorded bag(s) (one step in 2)"));
        var errors = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(report, ".json"))).RootElement.GetProperty("errors");
        Assert.That(errors[0].GetProperty("argmax_total").GetInt32(), Is.EqualTo(4 * 7), "4 observations x 7 action positions");
        Directory.Delete(package, recursive: true);
    }
}
