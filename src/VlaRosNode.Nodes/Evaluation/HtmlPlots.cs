using System.Globalization;
using System.Net;
using System.Text;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>The pieces of the self-contained HTML reports (<c>vla bench decode</c>, <c>vla eval replay</c>): page head,
/// inline SVG line/dot charts with a legend, histograms, escaping.</summary>
public static class HtmlPlots
{
    private const int Width = 640, Height = 320, Margin = 48;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

    /// <summary>The colour of the <paramref name="index"/>-th series (modes keep their colour across charts).</summary>
    public static string Colour(int index) => Colours[index % Colours.Length];

    /// <summary>Doctype, title, style and the opening body tag.</summary>
    public static string Head(string title) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{Encode(title)}</title>\n" +
        "<style>body{font-family:sans-serif;margin:2em}pre{background:#f6f6f6;padding:1em}svg{border:1px solid #ddd;margin:1em 0}</style></head><body>";

    /// <summary>Share of values (%) per bin of [0, top]; the last bin also holds everything above.</summary>
    public static (double, double)[] Histogram(IEnumerable<double> values, double top, int bins = 30)
    {
        var data = values.ToArray();
        if (data.Length == 0 || !(top > 0))
            return [];
        var counts = new int[bins];
        foreach (var v in data)
            counts[Math.Clamp((int)(v / top * bins), 0, bins - 1)]++;
        return counts.Select((c, i) => ((i + 0.5) * top / bins, 100.0 * c / data.Length)).ToArray();
    }

    public static string Chart(string xLabel, string yLabel, IEnumerable<(string Name, string Colour, (double X, double Y)[] Data, bool Dots)> series)
    {
        var list = series.Select(s => (s.Name, s.Colour, Data: s.Data.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToArray(), s.Dots)).ToArray();
        var xs = list.SelectMany(s => s.Data.Select(p => p.X)).DefaultIfEmpty(0).ToArray();
        var ys = list.SelectMany(s => s.Data.Select(p => p.Y)).DefaultIfEmpty(0).ToArray();
        double x0 = Math.Min(0, xs.Min()), x1 = Math.Max(xs.Max() * 1.1, x0 + 1), y0 = Math.Min(0, ys.Min()), y1 = Math.Max(ys.Max() * 1.1, y0 + 1);
        string Px(double x) => N(Margin + (x - x0) / (x1 - x0) * (Width - 2 * Margin));
        string Py(double y) => N(Height - Margin - (y - y0) / (y1 - y0) * (Height - 2 * Margin));
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\">");
        svg.Append($"<line x1=\"{Margin}\" y1=\"{Height - Margin}\" x2=\"{Width - Margin}\" y2=\"{Height - Margin}\" stroke=\"black\"/>");
        svg.Append($"<line x1=\"{Margin}\" y1=\"{Margin}\" x2=\"{Margin}\" y2=\"{Height - Margin}\" stroke=\"black\"/>");
        svg.Append($"<text x=\"{Width / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">{Encode(xLabel)}</text>");
        svg.Append($"<text x=\"14\" y=\"{Height / 2}\" transform=\"rotate(-90 14 {Height / 2})\" text-anchor=\"middle\">{Encode(yLabel)}</text>");
        foreach (var t in new[] { 0.0, 0.5, 1.0 })
        {
            svg.Append($"<text x=\"{Px(x0 + t * (x1 - x0))}\" y=\"{Height - Margin + 16}\" text-anchor=\"middle\" font-size=\"11\">{N(x0 + t * (x1 - x0))}</text>");
            svg.Append($"<text x=\"{Margin - 4}\" y=\"{Py(y0 + t * (y1 - y0))}\" text-anchor=\"end\" font-size=\"11\">{N(y0 + t * (y1 - y0))}</text>");
        }
        for (var i = 0; i < list.Length; i++)
        {
            var (name, colour, data, dots) = list[i];
            if (dots)
                foreach (var (x, y) in data)
                    svg.Append($"<circle cx=\"{Px(x)}\" cy=\"{Py(y)}\" r=\"5\" fill=\"{colour}\"><title>{Encode(name)}</title></circle>");
            else if (data.Length > 0)
                svg.Append($"<polyline fill=\"none\" stroke=\"{colour}\" points=\"{string.Join(' ', data.Select(p => $"{Px(p.X)},{Py(p.Y)}"))}\"/>");
            svg.Append($"<text x=\"{Width - Margin + 4 - 90}\" y=\"{Margin + 14 * i}\" fill=\"{colour}\" font-size=\"12\">{Encode(name)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}
