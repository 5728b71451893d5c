using System.Globalization;
using System.Text;

namespace VlaRosNode.Messages.Text;

/// <summary>Scalars spelled the way PyYAML prints Python values: floats as repr (<c>1.0</c>, <c>.nan</c>, <c>-.inf</c>),
/// strings plain when unambiguous, otherwise quoted.</summary>
internal static class YamlScalars
{
    public static string Integer<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    public static string Float(float value) => Float((double)value);

    public static string Float(double value)
    {
        if (double.IsNaN(value)) return ".nan";
        if (double.IsPositiveInfinity(value)) return ".inf";
        if (double.IsNegativeInfinity(value)) return "-.inf";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E'))
            return text.Replace("E", "e"); // 1E-05 -> 1e-05, as Python's repr
        return text.Contains('.') ? text : text + ".0";
    }

    public static string String(string value)
    {
        if (NeedsDoubleQuotes(value))
            return DoubleQuoted(value);
        if (NeedsQuotes(value))
            return "'" + value.Replace("'", "''") + "'";
        return value;
    }

    private static bool NeedsQuotes(string value)
    {
        if (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
            return true;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(value[0]))
            return true;
        if (value.Contains(": ") || value.Contains(" #") || value.EndsWith(':'))
            return true;
        // Text a YAML reader would take as something other than a string.
        return value.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or "null" or "~"
            or ".nan" or ".inf" or "-.inf" or "+.inf"
            || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    private static bool NeedsDoubleQuotes(string value) => value.Any(c => char.IsControl(c));

    private static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsControl(c)) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
