using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace VlaRosNode.Messages.Generator;

/// <summary>Turns .msg constant and default values into C# literals, rejecting values that do not parse.</summary>
internal static class Literals
{
    public static string Scalar(string rosType, string value)
    {
        switch (rosType)
        {
            case "bool":
                if (value == "true" || value == "True" || value == "1") return "true";
                if (value == "false" || value == "False" || value == "0") return "false";
                throw new FormatException($"'{value}' is not a bool");
            case "string":
                return SymbolDisplay.FormatLiteral(Unquote(value), quote: true);
            case "float32":
            case "float64":
                return FloatingPoint(value, rosType == "float32" ? "float" : "double");
            default:
                return Integer(value);
        }
    }

    /// <summary>A default like <c>[1, 2, 3]</c> for a primitive array field.</summary>
    public static string Array(string rosType, string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.StartsWith("[", StringComparison.Ordinal) || !trimmed.EndsWith("]", StringComparison.Ordinal))
            throw new FormatException($"array default '{value}' must be written [a, b, ...]");
        var inner = trimmed.Substring(1, trimmed.Length - 2);
        var items = inner.Trim().Length == 0
            ? new string[0]
            : inner.Split(',').Select(item => Scalar(rosType, item.Trim())).ToArray();
        return $"new {Primitives.ClrName(rosType)}[] {{ {string.Join(", ", items)} }}";
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0])
            return value.Substring(1, value.Length - 2);
        return value;
    }

    private static string FloatingPoint(string value, string clrType)
    {
        switch (value.ToLowerInvariant())
        {
            case "nan": return clrType + ".NaN";
            case "inf": case "+inf": return clrType + ".PositiveInfinity";
            case "-inf": return clrType + ".NegativeInfinity";
        }
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw new FormatException($"'{value}' is not a number");
        return number.ToString("R", CultureInfo.InvariantCulture) + (clrType == "float" ? "F" : "D");
    }

    private static string Integer(string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
            return signed.ToString(CultureInfo.InvariantCulture);
        if (ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
            return unsigned.ToString(CultureInfo.InvariantCulture) + "UL";
        throw new FormatException($"'{value}' is not an integer");
    }
}
