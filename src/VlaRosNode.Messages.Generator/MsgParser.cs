using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace VlaRosNode.Messages.Generator;

/// <summary>Parses the ROS 2 .msg format: <c>type name [default]</c> fields and <c>type NAME=value</c> constants,
/// with <c>#</c> comments, <c>T[]</c>, <c>T[N]</c>, <c>T[&lt;=N]</c> arrays and <c>string&lt;=N</c> bounds.</summary>
internal static class MsgParser
{
    private static readonly Regex PackageName = new("^[a-z][a-z0-9_]*$");
    private static readonly Regex MessageName = new("^[A-Z][A-Za-z0-9]*$");
    private static readonly Regex FieldName = new("^[a-z][a-z0-9_]*$");
    private static readonly Regex ConstantName = new("^[A-Z][A-Z0-9_]*$");

    public static MsgSpec Parse(string package, string name, string text)
    {
        if (!PackageName.IsMatch(package) || !MessageName.IsMatch(name))
            throw new FormatException($"{package}/{name}.msg: a package is lower_snake_case and a message name CamelCase");
        var normalised = text.Replace("\r\n", "\n").TrimEnd('\n', ' ', '\t');
        var fields = new List<MsgField>();
        var constants = new List<MsgConstant>();
        var lineNumber = 0;
        foreach (var rawLine in normalised.Split('\n'))
        {
            lineNumber++;
            var line = StripComment(rawLine).Trim();
            if (line.Length == 0)
                continue;
            try
            {
                ParseLine(line, fields, constants);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{package}/{name}.msg line {lineNumber}: {e.Message}");
            }
        }
        var duplicate = fields.Select(f => f.Name).Concat(constants.Select(c => c.Name)).GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new FormatException($"{package}/{name}.msg: '{duplicate.Key}' is declared twice");
        return new MsgSpec(package, name, normalised, fields, constants);
    }

    private static void ParseLine(string line, List<MsgField> fields, List<MsgConstant> constants)
    {
        var split = line.IndexOfAny(new[] { ' ', '\t' });
        if (split < 0)
            throw new FormatException($"expected 'type name', got '{line}'");
        var typeText = line.Substring(0, split);
        var rest = line.Substring(split).Trim();
        var type = ParseType(typeText);

        var nameLength = 0;
        while (nameLength < rest.Length && (char.IsLetterOrDigit(rest[nameLength]) || rest[nameLength] == '_'))
            nameLength++;
        if (nameLength == 0)
            throw new FormatException($"expected a name after '{typeText}', got '{rest}'");
        var memberName = rest.Substring(0, nameLength);
        var after = rest.Substring(nameLength).Trim();

        if (after.StartsWith("=", StringComparison.Ordinal))
        {
            if (!ConstantName.IsMatch(memberName))
                throw new FormatException($"constant name '{memberName}' must be UPPER_CASE");
            if (type.IsArray || !Primitives.IsPrimitive(type.BaseType))
                throw new FormatException($"constant '{memberName}' must have a primitive, non-array type");
            constants.Add(new MsgConstant(type.BaseType, memberName, after.Substring(1).Trim()));
            return;
        }
        if (!FieldName.IsMatch(memberName))
            throw new FormatException($"field name '{memberName}' must be lower_snake_case");
        fields.Add(new MsgField(type, memberName, after.Length == 0 ? null : after));
    }

    private static FieldType ParseType(string text)
    {
        var array = ArrayKind.None;
        var arrayLength = 0;
        if (text.EndsWith("]", StringComparison.Ordinal))
        {
            var open = text.LastIndexOf('[');
            if (open < 0)
                throw new FormatException($"bad array type '{text}'");
            var inner = text.Substring(open + 1, text.Length - open - 2);
            text = text.Substring(0, open);
            if (inner.Length == 0)
                array = ArrayKind.Dynamic;
            else if (inner.StartsWith("<=", StringComparison.Ordinal))
            {
                array = ArrayKind.Bounded;
                arrayLength = ParseBound(inner.Substring(2));
            }
            else
            {
                array = ArrayKind.Fixed;
                arrayLength = ParseBound(inner);
            }
        }

        var stringBound = 0;
        if (text.StartsWith("string<=", StringComparison.Ordinal))
        {
            stringBound = ParseBound(text.Substring("string<=".Length));
            text = "string";
        }
        return new FieldType(text, stringBound, array, arrayLength);
    }

    private static int ParseBound(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new FormatException($"bad size '{text}'");
        return value;
    }

    /// <summary>Drops a <c>#</c> comment, keeping any <c>#</c> inside a quoted default value.</summary>
    private static string StripComment(string line)
    {
        char quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                    quote = '\0';
            }
            else if (c == '"' || c == '\'')
                quote = c;
            else if (c == '#')
                return line.Substring(0, i);
        }
        return line;
    }
}
