using Microsoft.Extensions.Logging;
using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Ros2;

/// <summary>A name remapping rule <c>[node:]from:=to</c>; <see cref="Node"/> null means every node.</summary>
public sealed record RemapRule(string? Node, string From, string To);

/// <summary>A <c>-p name:=value</c> override.</summary>
public sealed record ParameterOverride(string Name, ParameterValue Value);

/// <summary>The ROS-specific part of a command line: everything between <c>--ros-args</c> and <c>--</c> (or the end),
/// possibly several such blocks. Other arguments are kept in <see cref="UserArguments"/>.</summary>
public sealed class RosArguments
{
    public List<RemapRule> Remaps { get; } = [];
    public List<ParameterFile> ParameterFiles { get; } = [];
    public List<ParameterOverride> ParameterOverrides { get; } = [];

    /// <summary>Global <c>--log-level LEVEL</c>, if given.</summary>
    public LogLevel? LogLevel { get; private set; }

    /// <summary>Per-logger <c>--log-level name:=LEVEL</c>.</summary>
    public Dictionary<string, LogLevel> LoggerLevels { get; } = new(StringComparer.Ordinal);

    public List<string> UserArguments { get; } = [];

    public static RosArguments Parse(IEnumerable<string> args)
    {
        var result = new RosArguments();
        var list = args.ToList();
        var inRos = false;
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (arg == "--ros-args")
            {
                inRos = true;
                continue;
            }
            if (!inRos)
            {
                result.UserArguments.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                inRos = false;
                continue;
            }
            switch (arg)
            {
                case "-r" or "--remap":
                    result.Remaps.Add(ParseRemap(Next(list, ref i, arg)));
                    break;
                case "-p" or "--param":
                    var (name, value) = SplitAssignment(Next(list, ref i, arg), arg);
                    result.ParameterOverrides.Add(new ParameterOverride(name, ParameterValue.Parse(value, $"-p {name}")));
                    break;
                case "--params-file":
                    result.ParameterFiles.Add(ParameterFile.Load(Next(list, ref i, arg)));
                    break;
                case "--log-level":
                    var level = Next(list, ref i, arg);
                    if (level.Contains(":="))
                    {
                        var (logger, l) = SplitAssignment(level, arg);
                        result.LoggerLevels[logger] = ParseLevel(l);
                    }
                    else
                    {
                        result.LogLevel = ParseLevel(level);
                    }
                    break;
                case "-e" or "--enclave":
                    Next(list, ref i, arg); // security enclaves are not supported; the participant always says enclave=/
                    break;
                default:
                    throw new RosArgumentException($"unknown ROS argument '{arg}' (expected -r, -p, --params-file, --log-level or --)");
            }
        }
        return result;
    }

    /// <summary>Node name and namespace after <c>__node:=</c> / <c>__ns:=</c> rules (node-specific ones win).</summary>
    public (string Name, string Namespace) ResolveNodeIdentity(string name, string ns)
    {
        string? newName = null, newNs = null;
        foreach (var rule in Remaps.Where(r => r.Node is null || r.Node == name).OrderBy(r => r.Node is null ? 0 : 1))
        {
            if (rule.From == "__node")
                newName = rule.To;
            else if (rule.From == "__ns")
                newNs = rule.To;
        }
        return (newName ?? name, newNs ?? ns);
    }

    private static string Next(List<string> list, ref int i, string option) =>
        ++i < list.Count ? list[i] : throw new RosArgumentException($"ROS argument '{option}' needs a value");

    private static RemapRule ParseRemap(string text)
    {
        var (from, to) = SplitAssignment(text, "-r");
        string? node = null;
        // "node:from:=to" applies to one node; a ':' inside "from" is otherwise not a valid name character.
        var colon = from.IndexOf(':');
        if (colon >= 0)
        {
            node = from[..colon];
            from = from[(colon + 1)..];
        }
        if (from.Length == 0 || to.Length == 0)
            throw new RosArgumentException($"remapping '-r {text}' needs both sides of ':='");
        return new RemapRule(node, from, to);
    }

    private static (string, string) SplitAssignment(string text, string option)
    {
        var at = text.IndexOf(":=", StringComparison.Ordinal);
        return at > 0 ? (text[..at], text[(at + 2)..]) : throw new RosArgumentException($"'{option} {text}' must look like name:=value");
    }

    private static LogLevel ParseLevel(string text) => text.ToUpperInvariant() switch
    {
        "DEBUG" => Microsoft.Extensions.Logging.LogLevel.Debug,
        "INFO" => Microsoft.Extensions.Logging.LogLevel.Information,
        "WARN" or "WARNING" => Microsoft.Extensions.Logging.LogLevel.Warning,
        "ERROR" => Microsoft.Extensions.Logging.LogLevel.Error,
        "FATAL" => Microsoft.Extensions.Logging.LogLevel.Critical,
        _ => throw new RosArgumentException($"unknown log level '{text}' (expected DEBUG, INFO, WARN, ERROR or FATAL)"),
    };
}

/// <summary>A malformed <c>--ros-args</c> block.</summary>
public sealed class RosArgumentException(string message) : Exception(message);
