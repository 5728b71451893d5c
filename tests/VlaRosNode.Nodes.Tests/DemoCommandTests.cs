using System.Text.RegularExpressions;
using VlaRosNode.Nodes.Tests.Support;

namespace VlaRosNode.Nodes.Tests;

/// <summary>`vla demo` end to end: the simulator node as a second process and the policy node, over Cyclone DDS on
/// loopback, one episode on the fixture model (which is not trained for the simulator: the test checks the pipeline,
/// not the success rate).</summary>
[NonParallelizable]
public sealed class DemoCommandTests
{
    [Test]
    public void RunsAnEpisodeAndPrintsTheTable()
    {
        var text = RunDemo("goal", realTimeFactor: 4);
        Assert.That(text, Does.Match(@"\| goal \| 1 \| [01] \| "));
        var commanded = Regex.Match(text, @"commanded: (\d+)");
        Assert.That(commanded.Success, Is.True, text);
        Assert.That(int.Parse(commanded.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(10), "the policy node drove the simulated arm");
    }

    /// <summary>`--suite all --episodes N` runs N episodes of every suite (it ran only spatial and object).</summary>
    [Test]
    public void AllSuitesGetTheirEpisodes()
    {
        var text = RunDemo("all", realTimeFactor: 8);
        foreach (var suite in new[] { "goal", "long", "object", "spatial" })
            Assert.That(text, Does.Match($@"\| {suite} \| 1 \| [01] \| "), text);
    }

    /// <summary>`vla demo` with one episode per suite on the fixture model; returns the report it wrote.</summary>
    private static string RunDemo(string suite, int realTimeFactor)
    {
        var report = Path.Combine(Path.GetTempPath(), $"vla-demo-test-{Guid.NewGuid():N}.md");
        using var vla = new VlaProcess(TestDomain.Next(),
            ["demo", "--model", TestPaths.FixtureModel, "--suite", suite, "--episodes", "1", "--real-time-factor", realTimeFactor.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--report", report, "--domain", TestDomain.Next().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.That(vla.WaitForExit(), Is.EqualTo(0), vla.Stderr);
        var text = File.ReadAllText(report);
        File.Delete(report);
        return text;
    }
}
