using System.Text.Json;
using System.Text.RegularExpressions;

namespace VlaRosNode.Policy.Tokenizers;

/// <summary>
/// The word-level tokenizer of our own models (tools/train/vla_train/tokenizer.py writes the file): lower-case,
/// split with the file's regular expression, unknown words map to the unknown token.
/// </summary>
public sealed class WordLevelTokenizer : ITextTokenizer
{
    private readonly Regex _pattern;
    private readonly bool _lowercase;
    private readonly Dictionary<string, int> _ids;
    private readonly int _unknown;

    private WordLevelTokenizer(Regex pattern, bool lowercase, IReadOnlyList<string> vocabulary, int unknown)
    {
        _pattern = pattern;
        _lowercase = lowercase;
        _ids = vocabulary.Select((word, id) => (word, id)).ToDictionary(p => p.word, p => p.id, StringComparer.Ordinal);
        _unknown = unknown;
        VocabularySize = vocabulary.Count;
    }

    public int VocabularySize { get; }

    /// <summary>Reads the JSON file; throws <see cref="FormatException"/> naming the first problem.</summary>
    public static WordLevelTokenizer FromJson(string json)
    {
        WordLevelFile file;
        try
        {
            file = JsonSerializer.Deserialize<WordLevelFile>(json) ?? throw new FormatException("the file is empty (null)");
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON of the expected form: {e.Message}", e);
        }
        if (file.type != "word-level")
            throw new FormatException($"type '{file.type}' is not word-level");
        if (file.vocab is not { Count: > 0 } vocab || vocab.Any(string.IsNullOrEmpty))
            throw new FormatException("vocab must be a non-empty list of non-empty words");
        if (vocab.Distinct(StringComparer.Ordinal).Count() != vocab.Count)
            throw new FormatException("vocab lists a word twice");
        var unknown = vocab.IndexOf(file.unk ?? "");
        if (unknown < 0)
            throw new FormatException($"the unknown token '{file.unk}' is not in vocab");
        Regex pattern;
        try
        {
            pattern = new Regex(file.pattern ?? throw new FormatException("pattern is missing"),
                RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"pattern is not a valid regular expression: {e.Message}", e);
        }
        return new WordLevelTokenizer(pattern, file.lowercase, vocab, unknown);
    }

    public IReadOnlyList<int> Encode(string text)
    {
        var source = _lowercase ? text.ToLowerInvariant() : text;
        return _pattern.Matches(source).Select(m => _ids.GetValueOrDefault(m.Value, _unknown)).ToArray();
    }

    // The file's JSON field names (snake/lower case as Python writes them).
#pragma warning disable IDE1006
    private sealed record WordLevelFile(string? type, string? pattern, bool lowercase, string? unk, List<string>? vocab);
#pragma warning restore IDE1006
}
