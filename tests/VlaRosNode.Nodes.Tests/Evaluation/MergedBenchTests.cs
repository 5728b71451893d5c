using System.Text.Json;
using VlaRosNode.Nodes.Evaluation;

namespace VlaRosNode.Nodes.Tests.Evaluation;

public class MergedBenchTests
{
    /// <summary>A two-mode report in <see cref="BenchReport.Json"/>'s shape: ar and a fast mode, one episode per seed.</summary>
    private static string Report(string package, int firstSeed, bool[] arWins, bool[] fastWins, double[] arMs, double[] fastMs, double fastSpeedup) =>
        JsonSerializer.Serialize(new
        {
            package,
            modes = new object[]
            {
                Mode("ar", "ar", null, arWins, arMs, 1.0, firstSeed),
                Mode("fast", "heisd", "int8", fastWins, fastMs, fastSpeedup, firstSeed),
            },
        });

    private static object Mode(string label, string strategy, string? precision, bool[] wins, double[] ms, double speedup, int firstSeed) => new
    {
        label, strategy, precision, token_cache = false, parameters = new { }, speedup_over_ar = speedup, latency_ms = ms,
        episodes = wins.Select((w, i) => new { suite = "spatial", task = "t", seed = firstSeed + i, success = w, steps = 1 }).ToArray(),
    };

    private static readonly string A = Report("pkg", 0, [true, true, false], [true, false, false], [2, 2, 2], [1, 1, 1], 2.0);
    private static readonly string B = Report("pkg", 3, [true, false, false], [true, false, true], [3, 3], [1, 2], 2.0);

    [Test]
    public void Episodes_pool_into_one_paired_comparison_and_steps_into_one_speedup()
    {
        var modes = MergedBench.Merge([ReportedRun.Parse(A, "a.json"), ReportedRun.Parse(B, "b.json")], []);

        Assert.That(modes.Select(m => m.Label), Is.EqualTo(new[] { "ar", "fast" }));
        Assert.That(modes[0].IsReference && !modes[1].IsReference, Is.True);
        Assert.That(modes.Select(m => m.SuccessRate), Is.EqualTo(new[] { 50.0, 50.0 }));
        Assert.That(modes[1].SuccessBySuite["spatial"], Is.EqualTo((3, 6)));
        Assert.That(PairedSuccess.Of(modes[0].Episodes, modes[1].Episodes), Is.EqualTo(new PairedSuccess(6, OnlyBaseline: 1, OnlyMode: 1)));
        // ar: 12 ms over 5 steps; fast: 6 ms over 5 steps -> 2.4 / 1.2 = 2x.
        Assert.That(modes[1].MeanMs, Is.EqualTo(1.2).Within(1e-12));
        var table = MergedBench.Table(modes);
        Assert.That(table, Does.Contain("2.00x  2.00x 2.00x").And.Contain("3/6"));
        using var json = JsonDocument.Parse(MergedBench.Json(modes, [ReportedRun.Parse(A, "a.json"), ReportedRun.Parse(B, "b.json")]));
        var fast = json.RootElement.GetProperty("modes")[1];
        Assert.That(fast.GetProperty("speedup_over_ar").GetDouble(), Is.EqualTo(2).Within(1e-9));
        Assert.That(fast.GetProperty("paired_with_baseline").GetProperty("episodes").GetInt32(), Is.EqualTo(6));
    }

    [Test]
    public void Overlapping_episodes_other_packages_and_missing_modes_are_refused()
    {
        var a = ReportedRun.Parse(A, "a.json");
        Assert.That(Assert.Throws<ArgumentException>(() => MergedBench.Merge([a, a], []))!.Message, Does.Contain("seed 0 more than once"));
        var other = ReportedRun.Parse(Report("other", 3, [true], [true], [1], [1], 1), "o.json");
        Assert.That(Assert.Throws<ArgumentException>(() => MergedBench.Merge([a, other], []))!.Message, Does.Contain("package 'other'"));
        Assert.That(Assert.Throws<ArgumentException>(() => MergedBench.Merge([a], ["kerv"]))!.Message, Does.Contain("no mode 'kerv'"));
        Assert.That(MergedBench.Merge([a], ["fast"]).Single().Label, Is.EqualTo("fast"));
    }

    [TestCase("{}", "'package' is missing")]
    [TestCase("[1]", "'the document' must be an object")]
    [TestCase("{\"package\": 1, \"modes\": []}", "'package' must be a string")]
    [TestCase("{\"package\": \"p\", \"modes\": [{\"label\": \"ar\"}]}", "'modes[0].strategy' is missing")]
    [TestCase("{\"package\": \"p\", \"modes\": [", "not valid JSON")]
    [TestCase("{\"package\": \"p\", \"modes\": [{\"label\": \"ar\", \"strategy\": \"ar\", \"parameters\": {\"a\": \"1\", \"a\": \"2\"}}]}", "'modes[0].parameters' names a field twice")]
    public void Malformed_reports_name_the_file_and_field(string json, string expected)
    {
        var error = Assert.Throws<BenchReportFormatException>(() => ReportedRun.Parse(json, "r.json"));
        Assert.That(error!.Message, Does.StartWith("bench report 'r.json': ").And.Contain(expected));
    }

    /// <summary>Mutated reports (characters replaced, removed, inserted, numbers and types swapped in) are read or
    /// refused with a <see cref="BenchReportFormatException"/>, never anything else.</summary>
    [Test]
    public void Mutated_reports_are_read_or_refused_with_BenchReportFormatException()
    {
        var random = Fuzz.Random(31);
        string[] fragments = ["null", "1e400", "-1", "\"x\"", "[]", "{}", "true", "2147483648", "0.5", ",", "]", "}", "\""];
        int read = 0, refused = 0;
        for (var i = 0; i < Fuzz.Cases(3000); i++)
        {
            var text = new System.Text.StringBuilder(i % 2 == 0 ? A : B);
            for (var edits = random.Next(1, 4); edits > 0 && text.Length > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, Math.Min(text.Length - at, random.Next(1, 6))); break;
                    case 1: text[at] = (char)random.Next(32, 127); break;
                    default: text.Insert(at, fragments[random.Next(fragments.Length)]); break;
                }
            }
            try
            {
                var run = ReportedRun.Parse(text.ToString(), "fuzz.json");
                MergedBench.Table(MergedBench.Merge([run], []));
                read++;
            }
            catch (BenchReportFormatException)
            {
                refused++;
            }
            catch (ArgumentException e) when (e.Message.Contains("more than once"))
            {
                read++; // a mutation that duplicated an episode: read, then refused by the merge's own check
            }
        }
        TestContext.Out.WriteLine($"read {read}, refused {refused}");
        Assert.That(refused, Is.GreaterThan(Fuzz.Cases(3000) / 3));
        Assert.That(read, Is.GreaterThan(Fuzz.Cases(3000) / 50));
    }
}
