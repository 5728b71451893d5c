using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Sim.Dataset;

/// <summary>What <see cref="DemoDatasetWriter"/> produces: <paramref name="Episodes"/> successful expert episodes of
/// <paramref name="Suite"/> (every suite when null), the tasks taken in turn, all derived from <paramref name="Seed"/>.</summary>
public sealed record DemoOptions(TaskSuite? Suite, int Episodes, int Seed, string OutputDirectory)
{
    public SimOptions Sim { get; init; } = new();
    public ExpertOptions Expert { get; init; } = ExpertOptions.Demonstration(0);

    /// <summary>Give up after this many failed expert episodes in a row for one slot (a broken task, not noise).</summary>
    public int MaxAttemptsPerEpisode { get; init; } = 10;

    public string SuiteName => Suite?.ToString().ToLowerInvariant() ?? "all";

    /// <exception cref="ArgumentException">A value out of its range.</exception>
    public void Validate()
    {
        if (Episodes is < 1 or > 100_000)
            throw new ArgumentOutOfRangeException(nameof(Episodes), Episodes, "episodes must be in 1..100000");
        if (string.IsNullOrWhiteSpace(OutputDirectory))
            throw new ArgumentException("an output directory is required", nameof(OutputDirectory));
        Sim.Validate();
        Expert.Validate();
    }
}
