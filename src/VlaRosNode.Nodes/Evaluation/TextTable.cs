using System.Globalization;
using System.Text;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>A console table: right-aligned columns as wide as their widest cell, two spaces apart.</summary>
public static class TextTable
{
    /// <summary>A figure in invariant culture; "-" for one that does not exist (NaN).</summary>
    public static string Cell(double value, string format = "0.00") => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, all.Select(r => r[i].Length).DefaultIfEmpty().Max())).ToArray();
        var text = new StringBuilder();
        text.AppendLine(string.Join("  ", header.Select((h, i) => h.PadLeft(widths[i]))));
        foreach (var row in all)
            text.AppendLine(string.Join("  ", row.Select((c, i) => c.PadLeft(widths[i]))));
        return text.ToString();
    }
}
