using System.Globalization;
using System.Text;
using VlaRosNode.Policy.Dyq;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Nodes.Dyq;

/// <summary>
/// DyQ's settings as ROS 2 parameters <c>dyq.*</c> of the policy node: declared on the node, read from a parameter
/// file (the one <c>vla dyq calibrate</c> writes, usable as <c>--params-file</c> or as <c>dyq.map_file</c>) and
/// written back. One table of names, so the node, the file reader and the writer cannot drift apart.
/// </summary>
public static class DyqParameters
{
    public const string Prefix = "dyq.";

    /// <summary>One parameter; <c>Set</c> is null for the two map arrays, which are read together.</summary>
    private sealed record Entry(string Name, string Description, Func<DyqOptions, object> Get, Func<DyqOptions, ParameterValue, DyqOptions>? Set = null);

    private static readonly Entry[] Entries =
    [
        new("threshold", "S above this runs full precision (paper: 0.5)", o => o.Threshold, (o, v) => o with { Threshold = v.As<double>() }),
        new("hold_time", "s a lower precision must be asked for before switching down (paper: a delay, value not given)", o => o.HoldSeconds, (o, v) => o with { HoldSeconds = v.As<double>() }),
        new("lambda", "weight of motion fineness against angular jerk in S (not given by the paper)", o => o.Lambda, (o, v) => o with { Lambda = v.As<double>() }),
        new("fineness_window", "end-effector samples of motion fineness M (paper: 10)", o => o.FinenessWindow, (o, v) => o with { FinenessWindow = v.As<int>() }),
        new("jerk_window", "end-effector samples of angular jerk J (paper: 5)", o => o.JerkWindow, (o, v) => o with { JerkWindow = v.As<int>() }),
        new("normalization", "scale M and J are normalised on between their ranges: log (our choice) or linear (HeiSD's min-max)",
            o => ProxyNormalization.Name(o.Normalization), (o, v) => o with { Normalization = ProxyNormalization.Parse(v.As<string>()) }),
        new("fineness_min", "M (1/m per step) normalised to 0 here (calibrated)", o => o.FinenessMin, (o, v) => o with { FinenessMin = v.As<double>() }),
        new("fineness_max", "M normalised to 1 here (calibrated)", o => o.FinenessMax, (o, v) => o with { FinenessMax = v.As<double>() }),
        new("jerk_min", "J (rad/s^3) normalised to 0 here (calibrated)", o => o.JerkMin, (o, v) => o with { JerkMin = v.As<double>() }),
        new("jerk_max", "J normalised to 1 here (calibrated)", o => o.JerkMax, (o, v) => o with { JerkMax = v.As<double>() }),
        new("full_precision", "precision above the threshold, e.g. int4:acc0 (int4 weights, fp32 activations)", o => o.FullPrecision, (o, v) => o with { FullPrecision = v.As<string>() }),
        new("map_scores", "upper S of each band of the calibrated map, ascending", o => o.Map.Bands.Select(b => b.MaxScore).ToArray()),
        new("map_precisions", "precision of each band (same length as map_scores), e.g. int4:acc4", o => o.Map.Bands.Select(b => b.Precision).ToArray()),
    ];

    /// <summary>Declares <c>dyq.enable</c>, <c>dyq.map_file</c> and every setting on <paramref name="node"/>; returns
    /// the options when enabled (the map file's values over the node's), null when not.</summary>
    public static DyqOptions? Declare(Node node)
    {
        var enabled = node.DeclareParameter(Prefix + "enable", false, "switch the decoder precision step by step from the arm's motion (DyQ-VLA)", readOnly: true);
        var mapFile = node.DeclareParameter(Prefix + "map_file", "", "parameter file from `vla dyq calibrate` whose dyq.* values replace these; empty = none", readOnly: true);
        var values = new Dictionary<string, ParameterValue>();
        foreach (var entry in Entries)
        {
            var value = entry.Get(new DyqOptions());
            values[Prefix + entry.Name] = node.Parameters.GetValue(Declare(node, entry, value));
        }
        if (!enabled)
            return null;
        var options = FromValues(values, new DyqOptions());
        return mapFile.Length > 0 ? Load(mapFile, node.FullyQualifiedName, options) : options;
    }

    private static string Declare(Node node, Entry entry, object value)
    {
        var name = Prefix + entry.Name;
        switch (value)
        {
            case double d: node.DeclareParameter(name, d, entry.Description, readOnly: true); break;
            case int i: node.DeclareParameter(name, i, entry.Description, readOnly: true); break;
            case string s: node.DeclareParameter(name, s, entry.Description, readOnly: true); break;
            case double[] a: node.DeclareParameter(name, a, entry.Description, readOnly: true); break;
            case string[] a: node.DeclareParameter(name, a, entry.Description, readOnly: true); break;
            default: throw new InvalidOperationException($"no ROS parameter type for {name}");
        }
        return name;
    }

    /// <summary>The dyq.* values of <paramref name="values"/> over <paramref name="defaults"/>; validated.</summary>
    public static DyqOptions FromValues(IReadOnlyDictionary<string, ParameterValue> values, DyqOptions defaults)
    {
        var options = defaults;
        var scores = values.GetValueOrDefault(Prefix + "map_scores");
        var precisions = values.GetValueOrDefault(Prefix + "map_precisions");
        foreach (var entry in Entries.Where(e => e.Set is not null))
            if (values.TryGetValue(Prefix + entry.Name, out var value))
                options = Apply(options, entry, value);
        try
        {
            if (scores is not null || precisions is not null)
                options = options with
                {
                    Map = PrecisionMap.FromArrays(scores?.As<double[]>() ?? options.Map.Bands.Select(b => b.MaxScore).ToArray(),
                        precisions?.As<string[]>() ?? options.Map.Bands.Select(b => b.Precision).ToArray()),
                };
        }
        catch (InvalidCastException e)
        {
            throw new ArgumentException($"parameters {Prefix}map_scores / {Prefix}map_precisions: {e.Message}");
        }
        options.Validate();
        return options;
    }

    private static DyqOptions Apply(DyqOptions options, Entry entry, ParameterValue value)
    {
        try
        {
            return entry.Set!(options, value);
        }
        catch (InvalidCastException e)
        {
            throw new ArgumentException($"parameter {Prefix}{entry.Name}: {e.Message}");
        }
    }

    /// <summary>The dyq.* values a parameter file gives node <paramref name="node"/>, over <paramref name="defaults"/>.</summary>
    public static DyqOptions Load(string path, string node, DyqOptions defaults)
    {
        try
        {
            return FromValues(ParameterFile.Load(path).ValuesFor(node), defaults);
        }
        catch (ParameterException e)
        {
            throw new ArgumentException($"DyQ map file: {e.Message}");
        }
    }

    /// <summary>A ROS 2 parameter file setting every dyq.* value (and dyq.enable) for <paramref name="node"/>.</summary>
    public static string ToYaml(DyqOptions options, string node, string comment)
    {
        var text = new StringBuilder();
        foreach (var line in comment.Split('\n'))
            text.AppendLine($"# {line}".TrimEnd());
        text.AppendLine($"{node.TrimStart('/')}:");
        text.AppendLine("  ros__parameters:");
        text.AppendLine("    dyq:");
        text.AppendLine("      enable: true");
        foreach (var entry in Entries)
            text.AppendLine($"      {entry.Name}: {Yaml(entry.Get(options))}    # {entry.Description}");
        return text.ToString();
    }

    private static string Yaml(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture) + (double.IsInteger(d) ? ".0" : ""),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => $"\"{s}\"",
        double[] a => "[" + string.Join(", ", a.Select(x => Yaml(x))) + "]",
        string[] a => "[" + string.Join(", ", a.Select(x => Yaml(x))) + "]",
        _ => throw new InvalidOperationException($"cannot write {value.GetType().Name}"),
    };
}
