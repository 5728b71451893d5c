using VlaRosNode.Sim;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Render;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Sim;

/// <summary>`vla sim frames`: PNG frames of both cameras during one expert episode, to look at the simulator.</summary>
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
        .Value("--size", "PIXELS", "camera image width and height", defaultValue: "128");

    public string Name => Options.Command;
    public string Summary => "write PNG frames of both cameras during one expert episode (--task, --seed, --every, --size, -o DIR)";

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
            var result = ExpertRollout.Run(env, new ScriptedExpert(), task, seed, (e, _, _) =>
            {
                if (e.StepCount % every != 0)
                    return;
                e.Render();
                PngEncoder.Save(e.AgentImage, Path.Combine(directory, $"agent_{e.StepCount:D4}.png"));
                PngEncoder.Save(e.WristImage, Path.Combine(directory, $"wrist_{e.StepCount:D4}.png"));
                written += 2;
            });
            output.WriteLine($"{task}: {(result.Success ? "success" : "failure")} after {result.Steps} steps; {written} frames in {Path.GetFullPath(directory)}");
            return 0;
        }
        catch (ArgumentException e)
        {
            // The simulator's checks of the values (e.g. the image size) are about the command line too.
            throw new UsageException(e.Message);
        }
    });
}
