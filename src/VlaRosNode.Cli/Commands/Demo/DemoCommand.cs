using System.Globalization;
using System.Text;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Demo;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Dds;

namespace VlaRosNode.Cli.Commands.Demo;

/// <summary>
/// `vla demo`, the main job out of the box: the simulator node runs as a child process (`vla sim run`) and the policy
/// node in this process, on a private DDS domain over loopback, so every image, joint state and trajectory crosses a
/// real Cyclone DDS connection between two processes as on a robot. Prints each episode as it ends and a success
/// table per suite, and writes the table to a report file.
/// </summary>
public sealed class DemoCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public DemoCommand() : this(Console.Out, Console.Error)
    {
    }

    private const string PolicyParameters = "config/policy_node.yaml";

    public string Name => DemoOptions.Declared.Command;
    public string Summary => "simulator node + policy node over DDS on loopback: episodes of each suite, success table (--episodes N)";

    public int Run(IReadOnlyList<string> args) => DemoOptions.Declared.Run(args, output, error, flags => Run(DemoOptions.From(flags)));

    private int Run(DemoOptions options)
    {
        var model = options.Model ?? DemoOptions.ShippedModel();
        if (model is null)
        {
            error.WriteLine("vla demo: no model package under models/ (give one with --model DIR)");
            return 1;
        }
        if (RepoFiles.Find(PolicyParameters) is not { } parameters)
        {
            error.WriteLine($"vla demo: {PolicyParameters} not found above the working directory or the executable");
            return 1;
        }
        var expected = options.TotalEpisodes;
        output.WriteLine($"vla demo: {expected} episode(s) of suite {options.Suite} with model {model}, DDS domain {options.Domain} on loopback");

        using var stop = new CancellationTokenSource();
        using var signals = ShutdownSignals.Register(stop);
        using var sim = SimProcess.Start(options, Path.Combine(Path.GetTempPath(), $"vla-demo-sim-{Environment.ProcessId}.log"));
        try
        {
            using var context = RosContext.Create(
                ["--ros-args", "--params-file", parameters, "-p", "use_sim_time:=true", "-p", $"model_package:={model}",
                 "-p", "camera_topics:=[/camera/image_raw, /wrist_camera/image_raw]", "--log-level", "WARN"],
                new RosContextOptions { DomainId = options.Domain, CycloneConfig = CycloneConfig.Loopback });
            using var monitor = new DemoMonitor(context);
            monitor.EpisodeFinished += e => output.WriteLine(
                $"[{monitor.Finished,3}/{expected}] {e.Suite,-8} {(e.Success ? "success" : "failure")} in {e.Steps,3} steps  {e.Task}");
            using var policy = PolicyNode.Create(context);
            policy.Node.StartSpinning();
            while (monitor.Finished < expected && !stop.IsCancellationRequested && !sim.HasExited)
                Thread.Sleep(100);
            if (monitor.Finished < expected)
            {
                error.WriteLine(sim.HasExited
                    ? $"vla demo: the simulator node exited ({sim.ExitCode}) after {monitor.Finished} of {expected} episodes; its log: {sim.LogPath}"
                    : $"vla demo: stopped after {monitor.Finished} of {expected} episodes");
            }
            var (steps, commanded, meanMs) = monitor.PolicySteps;
            var report = Report(options, model, monitor.Tally, steps, commanded, meanMs, monitor.HoldReasons);
            output.WriteLine();
            ReportFile.Save(output, options.Report, report);
            return monitor.Finished == expected ? 0 : 1;
        }
        catch (Exception e) when (e is ArgumentException or Ros2.Parameters.ParameterException or VlaRosNode.Policy.Package.ModelPackageException)
        {
            error.WriteLine($"vla demo: {e.Message}");
            return 1;
        }
    }

    private static string Report(DemoOptions o, string model, EpisodeTally tally, long steps, long commanded, double meanMs, IReadOnlyList<(string Reason, int Steps)> holds)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(inv, $"# vla demo: {Path.GetFileName(model.TrimEnd('/'))}, suite {o.Suite}, {o.TotalEpisodes} episode(s), seed {o.Seed}, real-time factor {o.RealTimeFactor}");
        s.AppendLine(inv, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores; simulator node and policy node in two processes over Cyclone DDS (loopback), simulated time");
        s.AppendLine();
        s.Append(tally.Table());
        s.AppendLine();
        s.AppendLine(inv, $"policy steps: {steps}, commanded: {commanded}, held: {steps - commanded}; mean step latency {meanMs:F1} ms");
        foreach (var (reason, count) in holds)
            s.AppendLine(inv, $"- held {count}: {reason}");
        return s.ToString();
    }

}
