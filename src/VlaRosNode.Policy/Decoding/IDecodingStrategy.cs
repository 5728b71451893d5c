namespace VlaRosNode.Policy.Decoding;

/// <summary>
/// Produces the action tokens of one control step from the prefix ([bos] + visual tokens + prompt). Plain
/// autoregressive decoding is <see cref="GreedyDecoding"/>; drafter, retrieval, HeiSD and KERV speculative
/// decoding implement this too, using the context's target, drafter and cache rollback.
/// </summary>
public interface IDecodingStrategy
{
    /// <summary>Short name reported in step statistics (e.g. "ar").</summary>
    string Name { get; }

    /// <summary>Writes <c>tokens.Length</c> action tokens; counts draft tokens in <c>context.Statistics</c>.</summary>
    void Decode(DecodingContext context, Span<int> tokens);

    /// <summary>Runs every kind of graph pass <see cref="Decode"/> can make, with the shapes it uses, on the context's
    /// prefix, so that ONNX Runtime's first-run costs are paid before the first real step. Leaves what the strategy
    /// remembers between steps (history, counters, thresholds) as it was; the tokens it writes mean nothing.</summary>
    void WarmUp(DecodingContext context, Span<int> tokens);

    /// <summary>Forgets what the strategy learned within an episode (action history, skip counters); call it
    /// when a new episode starts. Stateless strategies ignore it.</summary>
    void BeginEpisode() { }
}
