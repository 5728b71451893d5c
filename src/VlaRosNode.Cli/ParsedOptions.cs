using System.Globalization;
using System.Numerics;

namespace VlaRosNode.Cli;

/// <summary>A parsed command line: flag values by their declared name (aliases resolved), positionals, and any
/// <c>--ros-args</c> blocks. The typed getters throw <see cref="UsageException"/>s naming the flag.</summary>
public sealed class ParsedOptions(IReadOnlyDictionary<string, List<string>> values, IReadOnlyDictionary<string, string> defaults,
    IReadOnlyList<string> positional, IReadOnlyList<string> rosArguments)
{
    public IReadOnlyList<string> Positional => positional;

    /// <summary>The <c>--ros-args ... --</c> blocks, verbatim, for <c>RosContext.Create</c>.</summary>
    public IReadOnlyList<string> RosArguments => rosArguments;

    /// <summary>Whether the flag or switch was given (defaults do not count).</summary>
    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>The flag's value, else its declared default, else null.</summary>
    public string? Text(string name) => values.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : defaults.GetValueOrDefault(name);

    public string Required(string name) => Text(name) ?? throw new UsageException($"{name} is required");

    /// <summary>Every value of a repeatable flag or a list flag, in order; empty when absent.</summary>
    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var v) ? v : [];

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>] from the flag or its default.</summary>
    public T Integer<T>(string name, T min, T max) where T : IBinaryInteger<T>, IMinMaxValue<T> =>
        ParseInteger(name, Required(name), min, max);

    /// <summary>A number from the flag or its default, &gt; <paramref name="above"/> (when given) and &gt;= <paramref name="atLeast"/>.</summary>
    public double Number(string name, double? above = null, double atLeast = double.NegativeInfinity)
    {
        var text = Required(name);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            && (above is not { } a || value > a) && value >= atLeast)
            return value;
        var bound = above is { } b ? $" > {b.ToString(CultureInfo.InvariantCulture)}"
            : double.IsFinite(atLeast) ? $" >= {atLeast.ToString(CultureInfo.InvariantCulture)}" : "";
        throw new UsageException($"{name} '{text}' is not a number{bound}");
    }

    /// <summary>A path that must exist (file or directory), as given.</summary>
    public string ExistingPath(string name)
    {
        var path = Required(name);
        return File.Exists(path) || Directory.Exists(path) ? path : throw new UsageException($"{name} '{path}' does not exist");
    }

    /// <summary>Applies a domain parser (e.g. a QoS profile or decoding mode) to a flag's value; its
    /// <see cref="ArgumentException"/> or <see cref="FormatException"/> becomes a <see cref="UsageException"/> naming the flag.</summary>
    public static T ParseWith<T>(string name, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new UsageException($"{name} '{text}': {e.Message}");
        }
    }

    /// <summary>Parses one integer for <paramref name="name"/>; also for values a command splits itself (e.g. "128,224").</summary>
    public static T ParseInteger<T>(string name, string text, T min, T max) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        var range = max != T.MaxValue ? $" in {min}..{max}" : min != T.MinValue ? $" >= {min}" : "";
        throw new UsageException($"{name} '{text}' is not an integer{range}");
    }
}
