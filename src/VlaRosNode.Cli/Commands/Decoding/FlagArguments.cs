using System.Globalization;

namespace VlaRosNode.Cli.Commands.Decoding;

/// <summary>"--name value" arguments; a name may repeat. Errors are <see cref="ArgumentException"/>s naming the flag.</summary>
internal sealed class FlagArguments
{
    private readonly Dictionary<string, List<string>> _values = [];

    public FlagArguments(IReadOnlyList<string> args, IReadOnlyCollection<string> known)
    {
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || !known.Contains(name[2..]))
                throw new ArgumentException($"unknown argument '{name}'");
            if (i + 1 >= args.Count)
                throw new ArgumentException($"{name} needs a value");
            if (!_values.TryGetValue(name[2..], out var list))
                _values[name[2..]] = list = [];
            list.Add(args[i + 1]);
        }
    }

    public string? Text(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    public string Required(string name) => Text(name) ?? throw new ArgumentException($"--{name} is required");

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var v) ? v : [];

    public int Integer(string name, int fallback, int minimum) => Text(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum ? value
        : throw new ArgumentException($"--{name} '{text}' is not an integer >= {minimum}");
}
