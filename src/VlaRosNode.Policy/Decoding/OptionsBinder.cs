using System.Globalization;
using System.Reflection;

namespace VlaRosNode.Policy.Decoding;

/// <summary>One settable option of a strategy's options record and its default value.</summary>
public sealed record StrategyOption(string Name, Type Type, object Default);

/// <summary>Sets a strategy's options record from <c>name=value</c> parameters (case-insensitive, '-' and '_'
/// ignored: <c>max-token-deviation</c> sets MaxTokenDeviation). Every unknown name or bad value is an
/// <see cref="ArgumentException"/> naming the strategy, the parameter and what it accepts.</summary>
public static class OptionsBinder
{
    public static T Bind<T>(string strategy, T defaults, IReadOnlyDictionary<string, string> parameters) where T : class
    {
        var properties = Settable(typeof(T)).ToDictionary(p => Key(p.Name));
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(defaults, null)!;
        foreach (var (name, text) in parameters)
        {
            if (!properties.TryGetValue(Key(name), out var property))
                throw new ArgumentException($"strategy '{strategy}' has no parameter '{name}' (it has: {string.Join(", ", properties.Values.Select(p => p.Name))})");
            property.SetValue(clone, Parse(strategy, property, text));
        }
        return clone;
    }

    /// <summary>The options <see cref="Bind"/> can set on <paramref name="defaults"/>'s record type, with their values
    /// there (so callers such as the node's parameters take the defaults from the record, not a copy).</summary>
    public static IReadOnlyList<StrategyOption> Describe(object defaults) =>
        [.. Settable(defaults.GetType()).Select(p => new StrategyOption(p.Name, p.PropertyType, p.GetValue(defaults)!))];

    private static IEnumerable<PropertyInfo> Settable(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is not null && IsSupported(p.PropertyType));

    private static string Key(string name) => name.Replace("-", "").Replace("_", "").ToLowerInvariant();

    private static bool IsSupported(Type type) => type == typeof(int) || type == typeof(double) || type == typeof(bool) || type.IsEnum;

    private static object Parse(string strategy, PropertyInfo property, string text)
    {
        var type = property.PropertyType;
        var value = text.Trim();
        object? parsed = type switch
        {
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsNaN(d) ? d : null,
            _ when type == typeof(bool) => bool.TryParse(value, out var b) ? b : null,
            _ => Enum.GetNames(type).FirstOrDefault(n => Key(n) == Key(value)) is { } n ? Enum.Parse(type, n) : null,
        };
        return parsed ?? throw new ArgumentException(
            $"strategy '{strategy}' parameter '{property.Name}': '{text}' is not {(type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type)) : "a " + type.Name)}");
    }
}
