namespace VlaRosNode.Policy.Decoding;

/// <summary>
/// A strategy that decodes nothing and keeps the context, so benchmarks and tests can drive the decoders
/// themselves over the prefix a real policy step built.
/// </summary>
public sealed class ContextCapture : IDecodingStrategy
{
    private DecodingContext? _context;

    public string Name => "capture";

    public void Decode(DecodingContext context, Span<int> tokens)
    {
        _context = context;
        tokens.Clear();
    }

    /// <summary>Runs no graph, so there is nothing to warm up.</summary>
    public void WarmUp(DecodingContext context, Span<int> tokens) => tokens.Clear();

    /// <summary>Runs one step of <paramref name="policy"/> on <paramref name="observation"/> (preprocess, vision,
    /// prompt) and returns its decoding context, holding the prefix; the policy's strategy is restored.</summary>
    public static DecodingContext Capture(VlaPolicy policy, Observation observation)
    {
        var previous = policy.Strategy;
        var capture = new ContextCapture();
        policy.Strategy = capture;
        try
        {
            policy.Step(observation);
        }
        finally
        {
            policy.Strategy = previous;
        }
        return capture._context!;
    }
}
