using System.Globalization;

namespace VlaRosNode.Policy.Runtime;

/// <summary>
/// A precision the engine can run: a key of the manifest's <c>decoder.files</c> (<c>fp32</c>, <c>int8</c>,
/// <c>int4</c>...), optionally with <c>:accN</c> to set the MatMulNBits accuracy_level of that file's graph
/// (<c>int4:acc0</c> = int4 weights, fp32 activations; <c>int4:acc4</c> = the same weights, int8 activations).
/// </summary>
public readonly record struct PrecisionName(string Variant, int? AccuracyLevel)
{
    private const string Separator = ":acc";

    public static PrecisionName Parse(string text)
    {
        var at = text.IndexOf(Separator, StringComparison.Ordinal);
        if (at < 0)
            return text.Length > 0 ? new PrecisionName(text, null) : throw new ArgumentException("empty precision name");
        var level = text[(at + Separator.Length)..];
        if (at == 0 || !int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 4)
            throw new ArgumentException($"precision '{text}' is not VARIANT or VARIANT:accN with N = 0..4 (the MatMulNBits accuracy_level)");
        return new PrecisionName(text[..at], value);
    }

    public override string ToString() => AccuracyLevel is { } level ? $"{Variant}{Separator}{level}" : Variant;
}
