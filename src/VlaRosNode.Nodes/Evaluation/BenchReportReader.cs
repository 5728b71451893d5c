using System.Text.Json;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>A <c>vla bench decode</c> JSON report is not one this reader can use: names the file and the field.</summary>
public sealed class BenchReportFormatException(string file, string problem) : Exception($"bench report '{file}': {problem}");

/// <summary>One mode of a report, as far as merging needs it: its episodes (outcomes only), every step's latency and
/// the speedup its own process measured.</summary>
public sealed record ReportedMode(string Label, bool IsReference, IReadOnlyList<EpisodeRecord> Episodes, double[] LatencyMs, double? Speedup);

/// <summary>One <c>vla bench decode</c> JSON report (<see cref="BenchReport.Json"/>), read back for merging.</summary>
public sealed record ReportedRun(string File, string Package, IReadOnlyList<ReportedMode> Modes)
{
    public static ReportedRun Parse(string json, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = new Fields(document.RootElement, file, "");
            return new ReportedRun(file, root.String("package"), root.Array("modes").Select(Mode).ToArray());
        }
        catch (JsonException e)
        {
            throw new BenchReportFormatException(file, "not valid JSON: " + e.Message);
        }
    }

    private static ReportedMode Mode(Fields m)
    {
        var (label, strategy) = (m.String("label"), m.String("strategy"));
        var mode = new BenchMode(label, strategy, m.Object("parameters").ToDictionary(p => p.Name, p => p.Value.ToString()))
        {
            Precision = m.Null("precision") ? null : m.String("precision"),
            TokenCache = m.Bool("token_cache"),
        };
        var episodes = m.Array("episodes").Select(e => new EpisodeRecord(e.String("suite"), e.String("task"), e.Integer("seed"), e.Bool("success"), [])).ToArray();
        var latency = m.Array("latency_ms").Select(l => l.Number()).ToArray();
        return new ReportedMode(mode.Label, PolicyMode.IsReference(mode), episodes, latency, m.Null("speedup_over_ar") ? null : m.Field("speedup_over_ar").Number());
    }

    /// <summary>Typed reads that fail with the field's path.</summary>
    private readonly record struct Fields(JsonElement Element, string File, string Path)
    {
        public Fields Field(string name)
        {
            if (Element.ValueKind != JsonValueKind.Object)
                throw Error("must be an object");
            var path = Path.Length == 0 ? name : $"{Path}.{name}";
            return Element.TryGetProperty(name, out var value) ? new Fields(value, File, path) : throw new BenchReportFormatException(File, $"'{path}' is missing");
        }

        public string String(string name) => Field(name) is { Element.ValueKind: JsonValueKind.String } f ? f.Element.GetString()! : throw Field(name).Error("must be a string");

        public bool Bool(string name) => Field(name) is { Element.ValueKind: JsonValueKind.True or JsonValueKind.False } f ? f.Element.GetBoolean() : throw Field(name).Error("must be true or false");

        public bool Null(string name) => Field(name).Element.ValueKind == JsonValueKind.Null;

        public int Integer(string name) => Field(name) is var f && f.Element.ValueKind == JsonValueKind.Number && f.Element.TryGetInt32(out var v) ? v : throw f.Error("must be an integer");

        public double Number() => Element.ValueKind == JsonValueKind.Number && Element.TryGetDouble(out var v) && double.IsFinite(v) ? v : throw Error("must be a finite number");

        public IReadOnlyList<JsonProperty> Object(string name)
        {
            var f = Field(name);
            if (f.Element.ValueKind != JsonValueKind.Object)
                throw f.Error("must be an object");
            var properties = f.Element.EnumerateObject().ToArray();
            return properties.DistinctBy(p => p.Name).Count() == properties.Length ? properties : throw f.Error("names a field twice");
        }

        public IEnumerable<Fields> Array(string name)
        {
            var f = Field(name);
            if (f.Element.ValueKind != JsonValueKind.Array)
                throw f.Error("must be an array");
            var (file, path) = (File, f.Path);
            return f.Element.EnumerateArray().Select((e, i) => new Fields(e, file, $"{path}[{i}]")).ToArray();
        }

        public BenchReportFormatException Error(string problem) => new(File, $"'{(Path.Length == 0 ? "the document" : Path)}' {problem}");
    }
}
