using System.Globalization;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Demo;

/// <summary>What `vla demo` was asked for.</summary>
internal sealed record DemoOptions(int Episodes, string Suite, int Seed, string? Model, string Report, uint Domain, double RealTimeFactor)
{
    /// <summary>Episodes the simulator runs: <see cref="Episodes"/> per suite asked for.</summary>
    public int TotalEpisodes => Suite == "all" ? Episodes * Enum.GetValues<TaskSuite>().Length : Episodes;

    public static DemoOptions? Parse(IReadOnlyList<string> args, out string problem)
    {
        var o = new DemoOptions(10, "all", 0, null, "demo-report.md", (uint)(150 + Environment.ProcessId % 80), 1.0);
        problem = "";
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--episodes" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0:
                    o = o with { Episodes = n };
                    break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    o = o with { Seed = seed };
                    break;
                case "--suite" when value is not null:
                    if (value != "all" && !Enum.TryParse<TaskSuite>(value, ignoreCase: true, out _))
                    {
                        problem = $"unknown suite '{value}' (known: all, {string.Join(", ", Enum.GetNames<TaskSuite>().Select(n => n.ToLowerInvariant()))})";
                        return null;
                    }
                    o = o with { Suite = value.ToLowerInvariant() };
                    break;
                case "--real-time-factor" when double.TryParse(value, CultureInfo.InvariantCulture, out var factor) && factor > 0:
                    o = o with { RealTimeFactor = factor };
                    break;
                case "--model" when value is not null:
                    o = o with { Model = Path.GetFullPath(value) };
                    break;
                case "--report" when value is not null:
                    o = o with { Report = value };
                    break;
                case "--domain" when uint.TryParse(value, CultureInfo.InvariantCulture, out var d) && d <= 232:
                    o = o with { Domain = d };
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    problem = $"bad argument '{args[i]}'{(value is null ? "" : $" '{value}'")}";
                    return null;
            }
            i++;
        }
        return o;
    }

    /// <summary>The model package shipped under models/ (the first folder with a manifest), or null.</summary>
    public static string? ShippedModel()
    {
        var models = DemoCommand.RepoFile("models");
        return Directory.Exists(models)
            ? Directory.GetDirectories(models).Order(StringComparer.Ordinal).FirstOrDefault(d => File.Exists(Path.Combine(d, "manifest.yaml")))
            : null;
    }
}
