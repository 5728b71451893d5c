using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Nodes.Demo;

namespace VlaRosNode.Nodes.Tests;

/// <summary>The demo's reading of the simulator's episode results and its success table.</summary>
public sealed class EpisodeTallyTests
{
    private static DiagnosticStatus Result(int episode, string suite, bool success, int steps) => new()
    {
        Name = "vla_sim/episode",
        Values =
        [
            new KeyValue { Key = "episode", Value = episode.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new KeyValue { Key = "task", Value = "put the bowl on the plate" },
            new KeyValue { Key = "suite", Value = suite },
            new KeyValue { Key = "success", Value = success ? "true" : "false" },
            new KeyValue { Key = "steps", Value = steps.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new KeyValue { Key = "sim_time", Value = "4.250" },
        ],
    };

    [Test]
    public void TableCountsPerSuiteAndAveragesTheRates()
    {
        var tally = new EpisodeTally();
        tally.Add(EpisodeOutcome.From(Result(0, "spatial", true, 80)));
        tally.Add(EpisodeOutcome.From(Result(1, "spatial", false, 200)));
        tally.Add(EpisodeOutcome.From(Result(2, "goal", true, 60)));
        var lines = tally.Table().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[2], Is.EqualTo("| goal | 1 | 1 | 100.0% | 60.0 |"));
        Assert.That(lines[3], Is.EqualTo("| spatial | 2 | 1 | 50.0% | 140.0 |"));
        Assert.That(lines[4], Is.EqualTo("| **average over suites** | 3 | 2 | 75.0% | 113.3 |"), "the mean of the suite rates, as LIBERO reports");
    }

    [Test]
    public void MalformedResultNamesTheValue()
    {
        var missing = Result(0, "goal", true, 5);
        missing.Values = [.. missing.Values.Where(v => v.Key != "steps")];
        Assert.That(() => EpisodeOutcome.From(missing), Throws.TypeOf<FormatException>().With.Message.Contains("'steps'"));
        var bad = Result(0, "goal", true, 5);
        bad.Values[4].Value = "many";
        Assert.That(() => EpisodeOutcome.From(bad), Throws.TypeOf<FormatException>().With.Message.Contains("many"));
    }
}
