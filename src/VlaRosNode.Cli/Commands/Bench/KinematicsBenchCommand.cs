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

    private static readonly CommandOptions Options = new CommandOptions("bench kinematics")
        .Choice("--robot", ShippedRobot.Names.ToArray(), "robot model", defaultValue: "panda")
        .Value("--calls", "N", "calls per timed run", defaultValue: "20000")
        .Value("--report", "FILE", "report file", defaultValue: "kinematics-bench.md");

    public string Name => Options.Command;
    public string Summary => "time FK, Jacobian, IK, kinematic features and Kalman filters per call (--robot, --calls, --report)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var robotName = flags.Required("--robot");
        var calls = flags.Integer("--calls", 100, int.MaxValue);
        var report = flags.Required("--report");
        var robot = ShippedRobot.ByName(robotName);
        var bench = new MicroBenchmark();
        var rows = KinematicsWorkloads.Run(robot, bench, calls, out var ikSummary);
        var text = Format(robotName, bench, rows, ikSummary);
        ReportFile.Save(output, report, text);
        return 0;
    });

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
