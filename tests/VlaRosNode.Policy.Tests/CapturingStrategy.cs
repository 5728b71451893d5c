using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Policy.Tests;

/// <summary>A strategy that decodes nothing and keeps the context, so a test can drive the decoders itself
/// over the prefix a real policy step built.</summary>
internal sealed class CapturingStrategy : IDecodingStrategy
{
    public DecodingContext? Context { get; private set; }
    public string Name => "capture";

    public void Decode(DecodingContext context, Span<int> tokens)
    {
        Context = context;
        tokens.Clear();
    }

    /// <summary>Runs one step of <paramref name="policy"/> on <paramref name="observation"/> and returns its context.</summary>
    public static DecodingContext Capture(VlaPolicy policy, Observation observation)
    {
        var previous = policy.Strategy;
        var capture = new CapturingStrategy();
        policy.Strategy = capture;
        try
        {
            policy.Step(observation);
        }
        finally
        {
            policy.Strategy = previous;
        }
        return capture.Context!;
    }
}
