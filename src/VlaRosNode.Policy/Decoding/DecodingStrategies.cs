using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Policy.Decoding;

/// <summary>The decoding strategies by name, each with its options bound from <c>name=value</c> parameters.</summary>
public static class DecodingStrategies
{
    public static IReadOnlyList<string> Names { get; } = ["ar", "spec", "retrieval", "heisd", "kerv"];

    /// <summary>Whether <paramref name="name"/> drafts from a retrieval datastore.</summary>
    public static bool NeedsDatastore(string name) => name is "retrieval" or "heisd";

    /// <summary>Whether <paramref name="name"/> drafts with the model package's drafter.</summary>
    public static bool NeedsDrafter(string name) => name is "spec" or "heisd" or "kerv";

    /// <summary>The options record of <paramref name="name"/> with its defaults (null for <c>ar</c>, which has none).</summary>
    public static object? DefaultOptions(string name) => name switch
    {
        "ar" => null,
        "spec" => new SpecOptions(),
        "retrieval" => new RetrievalOptions(),
        "heisd" => new HeisdOptions(),
        "kerv" => new KervOptions(),
        _ => throw new ArgumentException($"unknown decoding strategy '{name}' (known: {string.Join(", ", Names)})"),
    };

    public static IDecodingStrategy Create(string name, IReadOnlyDictionary<string, string>? parameters = null, ActionDatastore? datastore = null)
    {
        parameters ??= new Dictionary<string, string>();
        return name switch
        {
            "ar" when parameters.Count == 0 => new GreedyDecoding(),
            "ar" => throw new ArgumentException($"strategy 'ar' takes no parameters (got: {string.Join(", ", parameters.Keys)})"),
            "spec" => new SpeculativeDecoding(OptionsBinder.Bind(name, new SpecOptions(), parameters)),
            "retrieval" => new RetrievalDecoding(OptionsBinder.Bind(name, new RetrievalOptions(), parameters), Require(name, datastore)),
            "heisd" => new HeisdDecoding(OptionsBinder.Bind(name, new HeisdOptions(), parameters), Require(name, datastore)),
            "kerv" => new KervDecoding(OptionsBinder.Bind(name, new KervOptions(), parameters)),
            _ => throw new ArgumentException($"unknown decoding strategy '{name}' (known: {string.Join(", ", Names)})"),
        };
    }

    /// <summary>Parses "a=1,b=x" (or separate "a=1" words) into parameters.</summary>
    public static Dictionary<string, string> ParseParameters(IEnumerable<string> words)
    {
        var parameters = new Dictionary<string, string>();
        foreach (var pair in words.SelectMany(w => w.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
                throw new ArgumentException($"parameter '{pair}' is not name=value");
            parameters[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return parameters;
    }

    private static ActionDatastore Require(string name, ActionDatastore? datastore) =>
        datastore ?? throw new ArgumentException($"strategy '{name}' drafts from a retrieval datastore; none was given");
}
