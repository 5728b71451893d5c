using System.Globalization;
using System.Reflection;

namespace VlaRosNode.Policy.Decoding;

/// <summary>One settable option of a strategy's options record and its default value.</summary>
public sealed record StrategyOption(string Name, Type Type, object Default);

/// <summary>Sets a strategy's options record from <c>name=value</c> parameters (case-insensitive, '-' and '_'
/// ignored: <c>max-token-deviation</c> sets MaxTokenDeviation; a list of strings is written <c>a/b</c>, as ',' separates
/// parameters, and <c>name=</c> is the empty list). A record the options hold contributes its settings
/// under their own names (HeisdOptions.Metric's Alpha is <c>alpha</c>), so its defaults stay in that record. Every
/// unknown name or bad value is an <see cref="ArgumentException"/> naming the strategy, the parameter and what it accepts.</summary>
public static class OptionsBinder
{
    /// <summary>A settable parameter: <see cref="Property"/> of the options, or of the record in <see cref="Holder"/>.</summary>
    private sealed record Parameter(PropertyInfo? Holder, PropertyInfo Property);

    public static T Bind<T>(string strategy, T defaults, IReadOnlyDictionary<string, string> parameters) where T : class
    {
        var settable = Parameters(typeof(T));
        var clone = (T)Clone(defaults);
        foreach (var (name, text) in parameters)
        {
            if (!settable.TryGetValue(Key(name), out var parameter))
                throw new ArgumentException($"strategy '{strategy}' has no parameter '{name}' (it has: {string.Join(", ", settable.Values.Select(p => p.Property.Name))})");
            var value = Parse(strategy, parameter.Property, text);
            if (parameter.Holder is null)
            {
                parameter.Property.SetValue(clone, value);
                continue;
            }
            var held = Clone(parameter.Holder.GetValue(clone)!); // the defaults' instance is shared until now
            parameter.Property.SetValue(held, value);
            parameter.Holder.SetValue(clone, held);
        }
        return clone;
    }

    /// <summary>The options <see cref="Bind"/> can set on <paramref name="defaults"/>'s record type, held records'
    /// included, with their values there (so callers such as the node's parameters take the defaults from the
    /// records, not a copy).</summary>
    public static IReadOnlyList<StrategyOption> Describe(object defaults) =>
        [.. Parameters(defaults.GetType()).Values.Select(p =>
            new StrategyOption(p.Property.Name, p.Property.PropertyType, p.Property.GetValue(p.Holder is null ? defaults : p.Holder.GetValue(defaults))!))];

    private static Dictionary<string, Parameter> Parameters(Type type)
    {
        var result = new Dictionary<string, Parameter>();
        foreach (var property in Settable(type))
        {
            if (IsSupported(property.PropertyType))
                result.Add(Key(property.Name), new Parameter(null, property));
            else if (IsRecord(property.PropertyType))
                foreach (var inner in Settable(property.PropertyType).Where(p => IsSupported(p.PropertyType)))
                    result.Add(Key(inner.Name), new Parameter(property, inner));
        }
        return result;
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null);

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    private static object Clone(object record) => record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;

    private static string Key(string name) => name.Replace("-", "").Replace("_", "").ToLowerInvariant();

    /// <summary>A value as the text <see cref="Bind"/> reads back (invariant culture; lists joined with '/').</summary>
    public static string Format(object value) => value switch
    {
        IReadOnlyList<string> list => string.Join(ListSeparator, list),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    private const char ListSeparator = '/';

    private static bool IsSupported(Type type) =>
        type == typeof(int) || type == typeof(double) || type == typeof(bool) || type.IsEnum || type == typeof(IReadOnlyList<string>);

    private static object Parse(string strategy, PropertyInfo property, string text)
    {
        var type = property.PropertyType;
        var value = text.Trim();
        object? parsed = type switch
        {
            _ when type == typeof(int) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when type == typeof(double) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsNaN(d) ? d : null,
            _ when type == typeof(bool) => bool.TryParse(value, out var b) ? b : null,
            _ when type == typeof(IReadOnlyList<string>) => value.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => Enum.GetNames(type).FirstOrDefault(n => Key(n) == Key(value)) is { } n ? Enum.Parse(type, n) : null,
        };
        return parsed ?? throw new ArgumentException(
            $"strategy '{strategy}' parameter '{property.Name}': '{text}' is not {(type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type)) : "a " + type.Name)}");
    }
}
