using System.Globalization;

namespace VlaRosNode.Ros2.Tools;

/// <summary>Values written as Python's <c>repr</c> writes them, because <c>ros2 param get</c> prints Python values
/// and scripts compare against that output.</summary>
public static class PythonRepr
{
    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>Shortest round-trip digits; exponent form below 1e-4 and from 1e16, as CPython's float repr.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
            return "nan";
        if (double.IsInfinity(value))
            return value > 0 ? "inf" : "-inf";
        if (value == 0)
            return double.IsNegative(value) ? "-0.0" : "0.0";
        var (negative, digits, exponent) = Decompose(value);
        var sign = negative ? "-" : "";
        if (exponent < -4 || exponent >= 16)
        {
            var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            return $"{sign}{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):D2}";
        }
        if (exponent < 0)
            return $"{sign}0.{new string('0', -exponent - 1)}{digits}";
        if (digits.Length <= exponent + 1)
            return $"{sign}{digits}{new string('0', exponent + 1 - digits.Length)}.0";
        return $"{sign}{digits[..(exponent + 1)]}.{digits[(exponent + 1)..]}";
    }

    public static string String(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    /// <summary>The significant digits (no leading or trailing zeros) and the decimal exponent of the first one.</summary>
    private static (bool Negative, string Digits, int Exponent) Decompose(double value)
    {
        var text = Math.Abs(value).ToString("E16", CultureInfo.InvariantCulture);
        // "R" gives the shortest round-trip digits; E16 only tells where the point is when R chose plain notation.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = int.Parse(text[(text.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
        var digits = mantissa.Replace(".", "").TrimStart('0').TrimEnd('0');
        return (value < 0, digits.Length == 0 ? "0" : digits, exponent);
    }
}
