using VlaRosNode.Cli.Commands.Sim;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Demo;

/// <summary>What `vla demo` was asked for.</summary>
internal sealed record DemoOptions(int Episodes, string Suite, int Seed, string? Model, string Report, uint Domain, double RealTimeFactor)
{
    /// <summary>Episodes the simulator runs: <see cref="Episodes"/> per suite asked for.</summary>
    public int TotalEpisodes => Suite == "all" ? Episodes * Enum.GetValues<TaskSuite>().Length : Episodes;

    public static readonly CommandOptions Declared = new CommandOptions("demo")
        .Value("--episodes", "N", "episodes per suite", defaultValue: "10")
        .Choice("--suite", SuiteNames.AllOrEach, "task suite", defaultValue: "all")
        .Value("--seed", "S", "first seed", defaultValue: "0")
        .Value("--real-time-factor", "F", "simulated time per wall-clock time", defaultValue: "1")
        .Value("--model", "DIR", "model package (default: the one shipped under models/)")
        .Value("--report", "FILE", "where the success table is written", defaultValue: "demo-report.md")
        .WithDomain("DDS domain of the two nodes");

    public static DemoOptions From(ParsedOptions flags) => new(
        flags.Integer("--episodes", 1, int.MaxValue),
        flags.Required("--suite"),
        flags.Integer("--seed", int.MinValue, int.MaxValue),
        flags.Has("--model") ? Path.GetFullPath(flags.ExistingPath("--model")) : null,
        flags.Required("--report"),
        PrivateDomain.From(flags),
        flags.Number("--real-time-factor", above: 0));

    /// <summary>The model package shipped under models/ (the first folder with a manifest), or null.</summary>
    public static string? ShippedModel()
    {
        var models = RepoFiles.Find("models");
        return models is not null
            ? Directory.GetDirectories(models).Order(StringComparer.Ordinal).FirstOrDefault(d => File.Exists(Path.Combine(d, "manifest.yaml")))
            : null;
    }
}
