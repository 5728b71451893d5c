using System.Globalization;
using System.Text;
using VlaRosNode.Messages.DiagnosticMsgs;

namespace VlaRosNode.Nodes.Demo;

/// <summary>One finished episode as the simulator node reports it on /sim/episode_result.</summary>
public sealed record EpisodeOutcome(int Episode, string Suite, string Task, bool Success, int Steps, double SimSeconds)
{
    /// <exception cref="FormatException">A value is missing or malformed; the message names it.</exception>
    public static EpisodeOutcome From(DiagnosticStatus status)
    {
        string Value(string key) => status.Values.FirstOrDefault(v => v.Key == key)?.Value
            ?? throw new FormatException($"episode result '{status.Name}' has no '{key}' value");
        int Int(string key) => int.TryParse(Value(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw new FormatException($"episode result value '{key}' is '{Value(key)}', not an integer");
        var seconds = double.TryParse(Value("sim_time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s
            : throw new FormatException($"episode result value 'sim_time' is '{Value("sim_time")}', not a number");
        return new EpisodeOutcome(Int("episode"), Value("suite"), Value("task"), Value("success") == "true", Int("steps"), seconds);
    }
}

/// <summary>Success counts per suite, and the table `vla demo` prints and writes.</summary>
public sealed class EpisodeTally
{
    private readonly List<EpisodeOutcome> _episodes = [];

    public IReadOnlyList<EpisodeOutcome> Episodes => _episodes;

    public void Add(EpisodeOutcome outcome) => _episodes.Add(outcome);

    /// <summary>A markdown table: per suite episodes, successes, rate and mean steps, then the average over suites.</summary>
    public string Table()
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("| suite | episodes | successes | success rate | mean steps |");
        s.AppendLine("|---|---:|---:|---:|---:|");
        var rates = new List<double>();
        foreach (var suite in _episodes.GroupBy(e => e.Suite).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int n = suite.Count(), ok = suite.Count(e => e.Success);
            rates.Add((double)ok / n);
            s.AppendLine(inv, $"| {suite.Key} | {n} | {ok} | {100.0 * ok / n:F1}% | {suite.Average(e => e.Steps):F1} |");
        }
        if (rates.Count > 0)
            s.AppendLine(inv, $"| **average over suites** | {_episodes.Count} | {_episodes.Count(e => e.Success)} | {100 * rates.Average():F1}% | {_episodes.Average(e => e.Steps):F1} |");
        return s.ToString();
    }
}
