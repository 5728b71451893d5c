using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Policy.Decoding;

/// <summary>What a decoding strategy works with in one step: the decoders, the embedder and the prefix.</summary>
public sealed class DecodingContext(LoadedModel model, ActionTokenizer actions, StepStatistics statistics)
{
    private readonly float[] _prefix = new float[model.Target.Capacity * model.Target.HiddenSize];
    private readonly int[] _one = new int[1];

    public KvCacheDecoder Target => model.Target;
    public KvCacheDecoder? Drafter => model.Drafter;
    public TokenEmbedder Embedder => model.Embedder;
    public ActionTokenizer Actions => actions;
    public StepStatistics Statistics => statistics;

    /// <summary>Tokens in the prefix ([bos] + visual tokens + prompt).</summary>
    public int PrefixLength { get; private set; }

    /// <summary>Where the step writes the prefix embeddings, [length, hidden].</summary>
    internal Span<float> PrefixBuffer(int length)
    {
        PrefixLength = length;
        return _prefix.AsSpan(0, length * model.Target.HiddenSize);
    }

    /// <summary>Empties <paramref name="decoder"/>'s cache and runs it on the prefix; returns the logits [prefix, vocab].</summary>
    public ReadOnlySpan<float> Prefill(KvCacheDecoder decoder)
    {
        decoder.Reset();
        var width = decoder.HiddenSize;
        _prefix.AsSpan(0, PrefixLength * width).CopyTo(decoder.Input(PrefixLength));
        return decoder.Forward(PrefixLength);
    }

    /// <summary>Appends <paramref name="tokens"/> to <paramref name="decoder"/>'s cache (1 = decode, k = verify);
    /// returns their logits [k, vocab].</summary>
    public ReadOnlySpan<float> Feed(KvCacheDecoder decoder, ReadOnlySpan<int> tokens)
    {
        Embedder.Run(tokens).CopyTo(decoder.Input(tokens.Length));
        return decoder.Forward(tokens.Length);
    }

    /// <summary><see cref="Feed"/> of one token; returns its logits [vocab].</summary>
    public ReadOnlySpan<float> Feed(KvCacheDecoder decoder, int token)
    {
        _one[0] = token;
        return Feed(decoder, _one);
    }

    /// <summary>The logits of the last position of a [n, vocab] block.</summary>
    public static ReadOnlySpan<float> LastRow(ReadOnlySpan<float> logits, int vocabularySize) => logits[^vocabularySize..];

    /// <summary>Index of the largest logit (the first on ties, like torch.argmax).</summary>
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best])
                best = i;
        return best;
    }
}
