using System.Globalization;
using System.Text.RegularExpressions;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.ArmControl;

/// <summary>
/// The policy node's decoding parameters: <c>decoding_mode</c> picks the strategy, <c>datastore_file</c> its retrieval
/// datastore, and every option of every strategy is a parameter <c>&lt;strategy&gt;.&lt;option&gt;</c> (e.g.
/// <c>spec.tolerance</c>, <c>heisd.top_k</c>) whose default is read from the strategy's options record, so the
/// defaults stay written once, in the policy core. Only the selected strategy's options are used.
/// </summary>
public sealed partial record DecodingSettings
{
    public string Mode { get; init; } = "ar";
    public string DatastoreFile { get; init; } = "";

    /// <summary>The selected strategy's options as <c>name=value</c> text, for <see cref="OptionsBinder"/>.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    public bool NeedsDrafter => DecodingStrategies.NeedsDrafter(Mode);

    public static DecodingSettings Declare(Node node)
    {
        var d = new DecodingSettings();
        var mode = node.DeclareParameter("decoding_mode", d.Mode,
            $"decoding strategy: {string.Join(", ", DecodingStrategies.Names)} (docs/decoding.md); its options are the parameters <mode>.<option>", readOnly: true);
        if (!DecodingStrategies.Names.Contains(mode))
            throw new ArgumentException($"parameter decoding_mode is '{mode}', expected one of {string.Join(", ", DecodingStrategies.Names)}");
        var datastore = node.DeclareParameter("datastore_file", d.DatastoreFile,
            "retrieval datastore (vla datastore build) that the retrieval and heisd modes draft from", readOnly: true);
        var options = new Dictionary<string, string>();
        foreach (var strategy in DecodingStrategies.Names)
        {
            if (DecodingStrategies.DefaultOptions(strategy) is not { } defaults)
                continue;
            foreach (var option in OptionsBinder.Describe(defaults))
            {
                var value = DeclareOption(node, strategy, option);
                if (strategy == mode)
                    options[SnakeCase(option.Name)] = value;
            }
        }
        return new DecodingSettings { Mode = mode, DatastoreFile = datastore, Options = options };
    }

    /// <summary>Loads the datastore when the mode drafts from one; throws <see cref="ArgumentException"/> naming the
    /// parameter when it is not set, <see cref="DatastoreFormatException"/> or <see cref="IOException"/> when it
    /// cannot be read.</summary>
    public ActionDatastore? LoadDatastore()
    {
        if (!DecodingStrategies.NeedsDatastore(Mode))
            return null;
        if (DatastoreFile.Length == 0)
            throw new ArgumentException($"parameter datastore_file is not set: decoding_mode '{Mode}' drafts from a retrieval datastore (make one with `vla datastore build`)");
        if (!File.Exists(DatastoreFile))
            throw new ArgumentException($"parameter datastore_file: '{DatastoreFile}' does not exist (decoding_mode '{Mode}' drafts from it)");
        return Policy.Retrieval.DatastoreFile.Load(DatastoreFile);
    }

    /// <summary>The selected strategy with its options bound; a bad option is an <see cref="ArgumentException"/>
    /// naming it.</summary>
    public IDecodingStrategy CreateStrategy(ActionDatastore? datastore) =>
        DecodingStrategies.Create(Mode, Mode == "ar" ? null : Options, datastore);

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="datastore"/> was built for another model
    /// (its keys are pooled visual tokens, its payload the model's action tokens).</summary>
    public static void CheckDatastoreFits(ActionDatastore datastore, string file, Policy.VlaPolicy policy)
    {
        var vision = policy.Model.Vision;
        var key = VisualEmbedding.Dimension(vision.Cameras, vision.HiddenSize);
        var dimensions = policy.Package.Manifest.Action.Dimensions;
        if (datastore.KeyDimension != key || datastore.ActionDimensions != dimensions)
            throw new ArgumentException($"parameter datastore_file: '{file}' has keys of {datastore.KeyDimension} values and actions of " +
                $"{datastore.ActionDimensions} tokens, but model '{policy.Package.Manifest.Name}' gives keys of {key} and actions of {dimensions}: build it with this model");
    }

    /// <summary>Declares <c>strategy.option</c> with the record's default; returns its value as binder text.</summary>
    private static string DeclareOption(Node node, string strategy, StrategyOption option) =>
        DeclareOption(node, $"{strategy}.{SnakeCase(option.Name)}", option, $"{strategy} option {option.Name} (docs/decoding.md); used when decoding_mode is {strategy}");

    /// <summary>Declares parameter <paramref name="name"/> of an options record's setting with the record's default;
    /// returns its value as <see cref="OptionsBinder"/> text.</summary>
    internal static string DeclareOption(Node node, string name, StrategyOption option, string description)
    {
        return option.Default switch
        {
            int i => OptionsBinder.Format(node.DeclareParameter(name, i, description, readOnly: true)),
            double x => OptionsBinder.Format(node.DeclareParameter(name, x, description, readOnly: true)),
            bool b => OptionsBinder.Format(node.DeclareParameter(name, b, description, readOnly: true)),
            IReadOnlyList<string> list => OptionsBinder.Format(node.DeclareParameter(name, list.ToArray(), description, readOnly: true)),
            Enum e => DeclareChoice(node, name, SnakeCase(e.ToString()), [.. Enum.GetNames(option.Type).Select(SnakeCase)], description),
            _ => throw new InvalidOperationException($"option {name} has a type the node cannot declare ({option.Type.Name})"),
        };
    }

    private static string DeclareChoice(Node node, string name, string defaultValue, string[] choices, string description)
    {
        var value = node.DeclareParameter(name, defaultValue, $"{description}: one of {string.Join(", ", choices)}", readOnly: true);
        return choices.Contains(value)
            ? value
            : throw new ArgumentException($"parameter {name} is '{value}', expected one of {string.Join(", ", choices)}");
    }

    /// <summary>TopK -> top_k, FixedPattern -> fixed_pattern (ROS parameter style; the binder ignores '_').</summary>
    internal static string SnakeCase(string pascal) => WordStart().Replace(pascal, "_$1").ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
