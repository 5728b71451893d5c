using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Sim;

/// <summary>The task suites as the `--suite` flags spell them.</summary>
internal static class SuiteNames
{
    public static readonly string[] All = Enum.GetNames<TaskSuite>().Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary><see cref="All"/> plus "all", for flags where that means every suite.</summary>
    public static readonly string[] AllOrEach = ["all", .. All];
}
