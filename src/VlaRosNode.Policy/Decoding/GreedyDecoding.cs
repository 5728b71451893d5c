namespace VlaRosNode.Policy.Decoding;

/// <summary>OpenVLA's decoding: argmax over the whole vocabulary, one target pass per token (prefill + n - 1 decodes).</summary>
public sealed class GreedyDecoding : IDecodingStrategy
{
    public string Name => "ar";

    public void Decode(DecodingContext context, Span<int> tokens)
    {
        var target = context.Target;
        context.Statistics.Branch = "ar";
        tokens[0] = DecodingContext.ArgMax(DecodingContext.LastRow(context.Prefill(target), target.VocabularySize));
        for (var i = 1; i < tokens.Length; i++)
            tokens[i] = DecodingContext.ArgMax(context.Feed(target, tokens[i - 1]));
    }

    /// <summary>Greedy decoding remembers nothing between steps: a warm-up is a step.</summary>
    public void WarmUp(DecodingContext context, Span<int> tokens) => Decode(context, tokens);
}
