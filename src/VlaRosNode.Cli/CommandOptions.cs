using System.Text;

namespace VlaRosNode.Cli;

/// <summary>
/// The options one `vla` command declares: valued flags (optionally repeatable, or with a fixed set of choices),
/// boolean switches, multi-word lists and positional arguments. Parses a command line into <see cref="ParsedOptions"/>
/// and generates the command's `--help` text from the same declarations.
/// </summary>
public sealed class CommandOptions(string command, string positionals = "", int minPositionals = 0, int maxPositionals = 0)
{
    private enum Kind { Value, Switch, List }

    private sealed record Option(string Name, string[] Aliases, Kind Kind, string ValueName, string Help,
        string? Default, string[]? Choices, bool Required, bool Repeatable)
    {
        public string Names => string.Join(", ", Aliases.Append(Name));
    }

    private readonly List<Option> _options = [];
    private readonly List<string> _notes = [];
    private bool _rosArguments;

    /// <summary>The words after `vla`, e.g. <c>bag play</c>.</summary>
    public string Command => command;

    /// <summary>A flag taking one value: <c>--name VALUE</c>. <paramref name="defaultValue"/> is used when it is absent.</summary>
    public CommandOptions Value(string name, string valueName, string help, string? defaultValue = null,
        bool required = false, bool repeatable = false, params string[] aliases) =>
        Add(new Option(name, aliases, Kind.Value, valueName, help, defaultValue, null, required, repeatable));

    /// <summary>A flag whose value must be one of <paramref name="choices"/>.</summary>
    public CommandOptions Choice(string name, string[] choices, string help, string? defaultValue = null,
        bool required = false, bool repeatable = false, string? valueName = null) =>
        Add(new Option(name, [], Kind.Value, valueName ?? string.Join('|', choices), help, defaultValue, choices, required, repeatable));

    /// <summary>A boolean switch: present or not, takes no value.</summary>
    public CommandOptions Switch(string name, string help, params string[] aliases) =>
        Add(new Option(name, aliases, Kind.Switch, "", help, null, null, false, false));

    /// <summary>A flag taking every following word up to the next option, e.g. <c>--topics /a /b</c>.</summary>
    public CommandOptions List(string name, string valueName, string help) =>
        Add(new Option(name, [], Kind.List, valueName, help, null, null, false, false));

    /// <summary>For node commands: <c>--ros-args ... [--]</c> blocks are kept verbatim for the ROS context.</summary>
    public CommandOptions RosArguments()
    {
        _rosArguments = true;
        return this;
    }

    /// <summary>A line printed at the end of `--help`, e.g. where the parameters are documented.</summary>
    public CommandOptions Note(string line)
    {
        _notes.Add(line);
        return this;
    }

    private CommandOptions Add(Option option)
    {
        if (!option.Name.StartsWith("--", StringComparison.Ordinal) || _options.Any(o => o.Name == option.Name))
            throw new InvalidOperationException($"bad or repeated option declaration {option.Name}");
        _options.Add(option);
        return this;
    }

    /// <summary>Parses, runs <paramref name="body"/>, and turns every <see cref="UsageException"/> (from parsing or
    /// from a typed getter) into "vla COMMAND: message" plus the usage line on <paramref name="error"/>, exit code 2.
    /// `-h`/`--help` prints <see cref="Help"/> and exits 0.</summary>
    public int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<ParsedOptions, int> body)
    {
        if (WantsHelp(args))
        {
            output.Write(Help());
            return 0;
        }
        try
        {
            return body(Parse(args));
        }
        catch (UsageException e)
        {
            error.WriteLine($"vla {command}: {e.Message}");
            error.WriteLine($"{Usage()} (vla {command} --help for details)");
            return 2;
        }
    }

    /// <summary>-h or --help before any `--` or `--ros-args`.</summary>
    private static bool WantsHelp(IReadOnlyList<string> args) =>
        args.TakeWhile(a => a is not ("--" or "--ros-args")).Any(a => a is "-h" or "--help");

    public ParsedOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positional = new List<string>();
        var ros = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--ros-args" && _rosArguments)
            {
                // Verbatim up to and including the closing "--", as RosArguments.Parse reads it.
                do ros.Add(args[i]);
                while (args[i] != "--" && ++i < args.Count);
                continue;
            }
            if (arg == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }
            if (!LooksLikeOption(arg))
            {
                positional.Add(arg);
                continue;
            }
            var option = _options.FirstOrDefault(o => o.Name == arg || o.Aliases.Contains(arg))
                         ?? throw new UsageException(_rosArguments && _options.Count == 0
                             ? $"unexpected argument '{arg}' (node arguments go after --ros-args)"
                             : $"unknown option '{arg}'");
            if (!values.TryGetValue(option.Name, out var list))
                values[option.Name] = list = [];
            else if (!option.Repeatable)
                throw new UsageException($"{option.Names} given more than once");
            switch (option.Kind)
            {
                case Kind.Switch:
                    break;
                case Kind.Value:
                    if (i + 1 >= args.Count || LooksLikeOption(args[i + 1]))
                        throw new UsageException($"{arg} needs a value ({option.ValueName})");
                    var value = args[++i];
                    if (option.Choices is { } choices && !choices.Contains(value))
                        throw new UsageException($"{arg} '{value}' is not one of {string.Join(", ", choices)}");
                    list.Add(value);
                    break;
                case Kind.List:
                    while (i + 1 < args.Count && !LooksLikeOption(args[i + 1]))
                        list.Add(args[++i]);
                    if (list.Count == 0)
                        throw new UsageException($"{arg} needs at least one {option.ValueName}");
                    break;
            }
        }
        if (_options.FirstOrDefault(o => o.Required && !values.ContainsKey(o.Name)) is { } missing)
            throw new UsageException($"{missing.Name} is required");
        if (positional.Count > maxPositionals)
            throw new UsageException($"unexpected argument '{positional[maxPositionals]}'{(_rosArguments ? " (node arguments go after --ros-args)" : "")}");
        if (positional.Count < minPositionals)
            throw new UsageException($"expected {positionals}");
        var defaults = _options.Where(o => o.Default is not null).ToDictionary(o => o.Name, o => o.Default!, StringComparer.Ordinal);
        return new ParsedOptions(values, defaults, positional, ros);
    }

    /// <summary>"--name", "-x" or a declared alias such as "-1"; not "-" or a negative number, which are values.</summary>
    private bool LooksLikeOption(string arg) =>
        arg.Length > 1 && arg[0] == '-' && (arg[1] == '-' || char.IsLetter(arg[1]) || _options.Any(o => o.Aliases.Contains(arg)));

    /// <summary>One line: <c>usage: vla COMMAND POSITIONALS [options]</c>.</summary>
    public string Usage() =>
        $"usage: vla {command}{(positionals.Length > 0 ? " " + positionals : "")}{(_options.Count > 0 ? " [options]" : "")}" +
        (_rosArguments ? " [--ros-args ROS_ARGUMENTS...]" : "");

    /// <summary>The usage line and one line per declared option, with its value, default and whether it repeats.</summary>
    public string Help()
    {
        var s = new StringBuilder().AppendLine(Usage());
        if (_options.Count > 0)
            AppendOptions(s);
        foreach (var note in _notes)
            s.AppendLine(note);
        return s.ToString();
    }

    private void AppendOptions(StringBuilder s)
    {
        s.AppendLine().AppendLine("options:");
        var heads = _options.Select(o => o.Kind switch
        {
            Kind.Switch => o.Names,
            Kind.List => $"{o.Names} {o.ValueName}...",
            _ => $"{o.Names} {o.ValueName}",
        }).ToList();
        var width = heads.Max(h => h.Length);
        for (var i = 0; i < _options.Count; i++)
        {
            var o = _options[i];
            var notes = new[] { o.Required ? "required" : null, o.Default is { } d ? $"default {d}" : null, o.Repeatable ? "repeatable" : null }
                .Where(n => n is not null);
            var note = string.Join(", ", notes);
            s.AppendLine($"  {heads[i].PadRight(width)}  {o.Help}{(note.Length > 0 ? $" ({note})" : "")}");
        }
    }
}
