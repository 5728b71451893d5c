using System.Globalization;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Package;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Render;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Sim;

/// <summary>`vla sim frames`: PNG frames of both cameras during one episode, to look at the simulator, driven by the
/// scripted expert or, with --model, by a policy (greedy, fp32), with a CSV of its actions beside the expert's.</summary>
public sealed class SimFramesCommand(TextWriter output, TextWriter error) : ICliCommand
{
    public SimFramesCommand() : this(Console.Out, Console.Error)
    {
    }

    private static readonly CommandOptions Options = new CommandOptions("sim frames")
        .Choice("--task", TaskCatalog.All.Select(t => t.Name).ToArray(), "task to run (see docs/simulator.md)", required: true, valueName: "NAME")
        .Value("--seed", "S", "episode seed", defaultValue: "0")
        .Value("--output", "DIR", "folder for the PNG frames", required: true, aliases: "-o")
        .Value("--every", "STEPS", "write a frame pair every this many steps", defaultValue: "10")
        .Value("--size", "PIXELS", "camera image width and height", defaultValue: "128")
        .Value("--model", "DIR", "model package whose policy drives the arm instead of the expert; also writes steps.csv");

    public string Name => Options.Command;
    public string Summary => "write PNG frames of both cameras during one expert or policy episode (--task, --seed, --every, --size, --model, -o DIR)";

    public int Run(IReadOnlyList<string> args) => Options.Run(args, output, error, flags =>
    {
        var task = TaskCatalog.All.First(t => t.Name == flags.Required("--task"));
        var seed = flags.Integer("--seed", int.MinValue, int.MaxValue);
        var directory = flags.Required("--output");
        var every = flags.Integer("--every", 1, int.MaxValue);
        var size = flags.Integer("--size", int.MinValue, int.MaxValue);
        try
        {
            var env = new TabletopEnv(new SimOptions { ImageWidth = size, ImageHeight = size });
            Directory.CreateDirectory(directory);
            var written = 0;
            void SaveFrames(TabletopEnv e)
            {
                if (e.StepCount % every != 0)
                    return;
                e.Render();
                PngEncoder.Save(e.AgentImage, Path.Combine(directory, $"agent_{e.StepCount:D4}.png"));
                PngEncoder.Save(e.WristImage, Path.Combine(directory, $"wrist_{e.StepCount:D4}.png"));
                written += 2;
            }
            var (success, steps) = flags.Has("--model")
                ? PolicyEpisode(flags.ExistingPath("--model"), env, task, seed, directory, SaveFrames)
                : ExpertEpisode(env, task, seed, SaveFrames);
            output.WriteLine($"{task}: {(success ? "success" : "failure")} after {steps} steps; {written} frames in {Path.GetFullPath(directory)}");
            return 0;
        }
        catch (ArgumentException e)
        {
            // The simulator's checks of the values (e.g. the image size) are about the command line too.
            throw new UsageException(e.Message);
        }
    });

    private static (bool Success, int Steps) ExpertEpisode(TabletopEnv env, TaskDefinition task, int seed, Action<TabletopEnv> saveFrames)
    {
        var result = ExpertRollout.Run(env, new ScriptedExpert(), task, seed, (e, _, _) => saveFrames(e));
        return (result.Success, result.Steps);
    }

    /// <summary>The policy drives; steps.csv gets, per step, the tool position, the policy's action and the action
    /// the expert would take from the same state (its DAgger label).</summary>
    private static (bool Success, int Steps) PolicyEpisode(string model, TabletopEnv env, TaskDefinition task, int seed,
        string directory, Action<TabletopEnv> saveFrames)
    {
        using var policy = VlaPolicy.Open(model, new EngineOptions());
        using var csv = new StreamWriter(Path.Combine(directory, "steps.csv"));
        csv.WriteLine("step,x,y,z," + string.Join(',', Enumerable.Range(0, 7).Select(d => $"policy{d}")) + "," +
                      string.Join(',', Enumerable.Range(0, 7).Select(d => $"expert{d}")));
        var result = new PolicyDrivenEpisodes(policy).Run(env, task, seed, (e, label, action) =>
        {
            var p = e.Arm.Tcp.Position;
            var values = new[] { p.X, p.Y, p.Z }.Concat(action.ToArray()).Concat(label.ToArray());
            csv.WriteLine(e.StepCount + "," + string.Join(',', values.Select(v => v.ToString("0.####", CultureInfo.InvariantCulture))));
            saveFrames(e);
        });
        return (result.Success, result.Steps);
    }
}
