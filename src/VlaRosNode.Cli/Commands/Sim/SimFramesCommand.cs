using System.Globalization;
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

    public string Name => "sim frames";
    public string Summary => "write PNG frames of both cameras during one expert episode (--task, --seed, --every, --size, -o DIR)";

    private const string Usage = "usage: vla sim frames --task NAME --seed S -o DIR [--every STEPS] [--size PIXELS]";

    public int Run(IReadOnlyList<string> args)
    {
        string? taskName = null, directory = null;
        int seed = 0, every = 10, size = 128;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            var ok = args[i] switch
            {
                "--task" when value is not null => (taskName = value) is not null,
                "-o" or "--output" when value is not null => (directory = value) is not null,
                "--seed" => int.TryParse(value, CultureInfo.InvariantCulture, out seed),
                "--every" => int.TryParse(value, CultureInfo.InvariantCulture, out every) && every >= 1,
                "--size" => int.TryParse(value, CultureInfo.InvariantCulture, out size),
                _ => false,
            };
            if (!ok)
                return Fail($"bad argument '{args[i]}'{(value is null ? "" : $" '{value}'")}");
            i++;
        }
        var task = TaskCatalog.All.FirstOrDefault(t => t.Name == taskName);
        if (task is null || directory is null)
            return Fail(task is null && taskName is not null
                ? $"unknown task '{taskName}' (known: {string.Join(", ", TaskCatalog.All.Select(t => t.Name))})"
                : "--task and -o are required");

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
            return Fail(e.Message);
        }
    }

    private int Fail(string message)
    {
        error.WriteLine($"vla sim frames: {message}\n{Usage}");
        return 2;
    }
}
