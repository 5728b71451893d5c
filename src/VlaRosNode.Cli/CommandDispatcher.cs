namespace VlaRosNode.Cli;

/// <summary>Picks the subcommand whose name matches the most leading words of the arguments.</summary>
public static class CommandDispatcher
{
    public static int Run(IReadOnlyList<ICliCommand> commands, string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(commands, output);
            return args.Length == 0 ? 2 : 0;
        }

        ICliCommand? best = null;
        var bestWords = 0;
        foreach (var command in commands)
        {
            var words = command.Name.Split(' ');
            if (words.Length > args.Length || words.Length <= bestWords)
                continue;
            if (words.Select((w, i) => w == args[i]).All(match => match))
            {
                best = command;
                bestWords = words.Length;
            }
        }

        if (best is null)
        {
            error.WriteLine($"vla: unknown command '{string.Join(' ', args)}'. Run 'vla --help' for the list.");
            return 2;
        }
        return best.Run(args[bestWords..]);
    }

    private static void PrintHelp(IReadOnlyList<ICliCommand> commands, TextWriter output)
    {
        output.WriteLine("usage: vla <command> [args...]");
        output.WriteLine();
        var width = commands.Count == 0 ? 0 : commands.Max(c => c.Name.Length);
        foreach (var command in commands.OrderBy(c => c.Name, StringComparer.Ordinal))
            output.WriteLine($"  {command.Name.PadRight(width)}  {command.Summary}");
    }
}
