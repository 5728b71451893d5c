using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Nodes.Tests.TokenCache;

/// <summary>A decoding strategy that feeds given action tokens (teacher forcing) through one prefill pass and keeps the
/// target's logits at the 7 action positions, so two policies' logits can be compared on the same token sequence.</summary>
internal sealed class TeacherForcedLogits : IDecodingStrategy
{
    public string Name => "teacher-forced";
    public int[] Forced { get; set; } = [];
    public float[] Logits { get; private set; } = [];

    public void BeginEpisode()
    {
    }

    public void Decode(DecodingContext context, Span<int> tokens)
    {
        Logits = context.Prefill(context.Target, Forced.AsSpan(0, tokens.Length - 1)).ToArray();
        Forced.CopyTo(tokens);
    }

    /// <summary>It remembers nothing between steps: a warm-up is a step.</summary>
    public void WarmUp(DecodingContext context, Span<int> tokens) => Decode(context, tokens);
}
