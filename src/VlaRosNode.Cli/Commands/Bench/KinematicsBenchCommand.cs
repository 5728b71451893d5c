using System.Globalization;
using System.Text;
using VlaRosNode.Kinematics.Robots;

namespace VlaRosNode.Cli.Commands.Bench;

/// <summary>`vla bench kinematics`: per-call cost of FK, Jacobian, IK, features and filters; a table and a report file.</summary>
public sealed class KinematicsBenchCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public KinematicsBenchCommand() : this(Console.Out, Console.Error)
    {
    }

    public string Name => "bench kinematics";
    public string Summary => "time FK, Jacobian, IK, kinematic features and Kalman filters per call (--robot, --calls, --report)";

    private const string Usage = "usage: vla bench kinematics [--robot panda|ur5e] [--calls N] [--report FILE]";

    public int Run(IReadOnlyList<string> args)
    {
        string robotName = "panda", report = "kinematics-bench.md";
        var calls = 20000;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--robot" when value is not null:
                    robotName = value;
                    break;
                case "--calls" when int.TryParse(value, CultureInfo.InvariantCulture, out calls) && calls >= 100:
                    break;
                case "--report" when value is not null:
                    report = value;
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage);
                    return 0;
                default:
                    error.WriteLine($"vla bench kinematics: bad argument '{args[i]}'{(value is null ? "" : $" '{value}'")} (--calls needs >= 100)\n{Usage}");
                    return 2;
            }
            i++;
        }
        if (!ShippedRobot.Names.Contains(robotName))
        {
            error.WriteLine($"vla bench kinematics: unknown robot '{robotName}' (known: {string.Join(", ", ShippedRobot.Names)})");
            return 2;
        }

        var robot = ShippedRobot.ByName(robotName);
        var bench = new MicroBenchmark();
        var rows = KinematicsWorkloads.Run(robot, bench, calls, out var ikSummary);
        var text = Format(robotName, bench, rows, ikSummary);
        output.Write(text);
        File.WriteAllText(report, text);
        output.WriteLine($"report written to {Path.GetFullPath(report)}");
        return 0;
    }

    private static string Format(string robot, MicroBenchmark bench, List<BenchmarkRow> rows, string ikSummary)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"# vla bench kinematics: {robot}");
        s.AppendLine(inv, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, .NET {Environment.Version}; median of {bench.Runs} runs, one thread");
        s.AppendLine();
        s.AppendLine("| operation | detail | calls/run | us/call | bytes/call |");
        s.AppendLine("|---|---|---:|---:|---:|");
        foreach (var r in rows)
            s.AppendLine(inv, $"| {r.Operation} | {r.Detail} | {r.CallsPerRun} | {r.NanosecondsPerCall / 1000:F3} | {r.BytesPerCall:F0} |");
        s.AppendLine();
        s.AppendLine(ikSummary);
        s.AppendLine(inv, $"(checksum of all results: {bench.Sink:G6})");
        return s.ToString();
    }
}
