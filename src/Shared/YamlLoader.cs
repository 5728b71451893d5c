using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace VlaRosNode.Yaml;

/// <summary>
/// Loads YAML from outside (manifests, parameter files, bag metadata, `topic pub` values) so that every way the text
/// can be bad ends in one <see cref="YamlException"/>. YamlDotNet also throws InvalidOperationException and
/// ArgumentException on some malformed text, and builds nodes recursively, so deeply nested text (a file of 100,000
/// '[') overflowed the stack and killed the process; both found by fuzzing. Compiled into each project that reads
/// YAML (linked source: the readers share no other dependency).
/// </summary>
internal static class YamlLoader
{
    /// <summary>Deeper than any file we read (a manifest nests 4 levels) and far from the stack's limit.</summary>
    public const int MaxDepth = 64;

    public static YamlStream Load(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(text))));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new YamlException(Mark.Empty, Mark.Empty, e.Message, e);
        }
        return stream;
    }

    /// <summary>Where a YamlException points, for messages: "line L column C", or null where YamlDotNet gave no place.</summary>
    public static string? Place(YamlException e) =>
        e.Start.Equals(Mark.Empty) ? null : $"line {e.Start.Line} column {e.Start.Column}";

    /// <summary>"not valid YAML at line L column C: why" (without the place where there is none).</summary>
    public static string Problem(YamlException e) => Place(e) is { } place ? $"not valid YAML at {place}: {e.Message}" : $"not valid YAML: {e.Message}";

    /// <summary>Stops at the first collection nested deeper than <see cref="MaxDepth"/>, before the recursive loader
    /// reaches it.</summary>
    private sealed class DepthLimitedParser(IParser inner) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
                return false;
            switch (inner.Current)
            {
                case MappingStart or SequenceStart when ++_depth > MaxDepth:
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"collections nested deeper than {MaxDepth} levels");
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }
            return true;
        }
    }
}
