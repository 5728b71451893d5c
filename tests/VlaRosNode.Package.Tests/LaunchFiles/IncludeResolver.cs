namespace VlaRosNode.Package.Tests.LaunchFiles;

/// <summary>
/// Follows a launch file's includes of our own package ($(find-pkg-share PKG)/launch/...) the way ros2 launch runs
/// them: the included file's nodes, processes, timers and includes join the includer's, its $(var x) replaced by what
/// the includer passes for x, or else by its own default. What ros2 launch would reject, or silently get wrong, is an
/// <see cref="InvalidDataException"/> naming both files: an included file that does not exist, an argument passed that
/// the included file does not declare, a required one not passed. ros2 launch includes are unscoped (the included
/// file reads and writes the includer's launch configurations), so an argument both files declare must be passed
/// through unchanged as $(var x): left out, the included file would take the includer's value, not its own default;
/// passed as another value, it would change the includer's own argument for everything after the include.
/// Includes of other packages are kept as they are (their files are not here).
/// </summary>
internal sealed class IncludeResolver(string ownPackage, string ownShare, Func<string, LaunchDescriptionInfo> readFile)
{
    private const int MaxDepth = 8;

    public LaunchDescriptionInfo Resolve(string path) => Resolve(path, 0);

    private LaunchDescriptionInfo Resolve(string path, int depth)
    {
        var launch = readFile(path);
        var resolved = launch with { Includes = [] };
        foreach (var include in launch.Includes)
        {
            if (!Substitutions.PackagesIn(include.File).Contains(ownPackage))
            {
                resolved = resolved with { Includes = [.. resolved.Includes, include] };
                continue;
            }
            var where = $"{Path.GetFileName(path)}: include {include.File}";
            if (depth == MaxDepth)
                throw new InvalidDataException($"{where}: includes nested deeper than {MaxDepth} (a cycle?)");
            var includedPath = new Substitutions(launch.Arguments, ownPackage, ownShare).Evaluate(include.File)
                               ?? throw new InvalidDataException($"{where}: the path depends on an argument without default");
            if (!File.Exists(includedPath))
                throw new InvalidDataException($"{where}: {includedPath} does not exist");
            var included = Resolve(includedPath, depth + 1);
            var bindings = Bind(where, launch.Arguments, include.Arguments, included.Arguments);
            resolved = Append(resolved, included, text => Substitutions.ReplaceArguments(text, name =>
                bindings.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"{includedPath}: $(var {name}) names no declared argument")));
        }
        return resolved;
    }

    /// <summary>Each argument the included file declares -> its value in the includer's terms.</summary>
    private static Dictionary<string, string> Bind(string where, IReadOnlyList<LaunchArgument> own, IReadOnlyDictionary<string, string> passed, IReadOnlyList<LaunchArgument> declared)
    {
        foreach (var name in passed.Keys.Where(n => declared.All(a => a.Name != n)))
            throw new InvalidDataException($"{where}: passes argument '{name}', which the included file does not declare");
        foreach (var name in own.Select(a => a.Name).Where(n => declared.Any(a => a.Name == n)))
        {
            if (!passed.TryGetValue(name, out var value))
                throw new InvalidDataException($"{where}: both files declare '{name}' and includes are unscoped, so the included file would take this file's value unseen: pass it as {name}:=$(var {name})");
            if (value != $"$(var {name})")
                throw new InvalidDataException($"{where}: passes '{name}' as '{value}', which would also change this file's own argument '{name}' (includes are unscoped)");
        }

        var bindings = new Dictionary<string, string>();
        var binding = new HashSet<string>();
        string ValueOf(string name)
        {
            if (bindings.TryGetValue(name, out var bound))
                return bound;
            var argument = declared.FirstOrDefault(a => a.Name == name)
                           ?? throw new InvalidDataException($"{where}: $(var {name}) in the included file names no argument it declares");
            if (!binding.Add(name))
                throw new InvalidDataException($"{where}: the default of '{name}' refers to itself");
            var value = passed.TryGetValue(name, out var given) ? given
                : argument.Default is { } fallback ? Substitutions.ReplaceArguments(fallback, ValueOf)
                : throw new InvalidDataException($"{where}: does not pass '{name}', which the included file requires (it has no default)");
            return bindings[name] = value;
        }
        foreach (var argument in declared)
            ValueOf(argument.Name);
        return bindings;
    }

    private static LaunchDescriptionInfo Append(LaunchDescriptionInfo into, LaunchDescriptionInfo included, Func<string, string> rewrite) => into with
    {
        Nodes = [.. into.Nodes, .. included.Nodes.Select(n => n with
        {
            Parameters = n.Parameters.Select(p => p with { Value = rewrite(p.Value) }).ToList(),
            ParameterFiles = n.ParameterFiles.Select(rewrite).ToList(),
        })],
        Includes = [.. into.Includes, .. included.Includes.Select(i => new LaunchInclude(rewrite(i.File), i.Arguments.ToDictionary(a => a.Key, a => rewrite(a.Value))))],
        Processes = [.. into.Processes, .. included.Processes.Select(p => (IReadOnlyList<string>)p.Select(rewrite).ToList())],
        TimerPeriods = [.. into.TimerPeriods, .. included.TimerPeriods.Select(rewrite)],
    };
}
