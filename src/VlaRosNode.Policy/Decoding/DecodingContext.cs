using System.Diagnostics;
using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Runtime;
using VlaRosNode.Policy.TokenCache;

namespace VlaRosNode.Policy.Decoding;

/// <summary>What a decoding strategy works with in one step: the decoders, the embedder, the prefix, the step's
/// observation and visual tokens. Every graph pass goes through here, so its time lands in the statistics.</summary>
public sealed class DecodingContext(LoadedModel model, ActionTokenizer actions, StepStatistics statistics)
{
    private readonly float[] _prefix = new float[model.Target.Capacity * model.Target.HiddenSize];
    private readonly int[] _one = new int[1];
    private BatchVerifier? _batch;

    public KvCacheDecoder Target => model.Target;
    public KvCacheDecoder? Drafter => model.Drafter;
    public TokenEmbedder Embedder => model.Embedder;
    public ActionTokenizer Actions => actions;
    public StepStatistics Statistics => statistics;

    /// <summary>The observation of the current step (instruction, kinematics).</summary>
    public Observation Observation { get; internal set; } = new([], "");

    /// <summary>The current step's visual tokens, [cameras x tokens_per_camera, hidden].</summary>
    public ReadOnlySpan<float> VisualTokens => model.Vision.Tokens;

    public int Cameras => model.Vision.Cameras;

    /// <summary>Tokens in the prefix ([bos] + visual tokens + prompt).</summary>
    public int PrefixLength { get; private set; }

    /// <summary>The prefix embeddings of the current step, [PrefixLength, hidden].</summary>
    public ReadOnlySpan<float> PrefixEmbeddings => _prefix.AsSpan(0, PrefixLength * model.Target.HiddenSize);

    /// <summary>Where the step writes the prefix embeddings, [length, hidden].</summary>
    internal Span<float> PrefixBuffer(int length)
    {
        PrefixLength = length;
        return _prefix.AsSpan(0, length * model.Target.HiddenSize);
    }

    /// <summary>Visual token caching across steps, or null (every prefill runs the whole prefix).</summary>
    public VisualTokenCache? TokenCache { get; internal set; }

    /// <summary>Fills <paramref name="decoder"/>'s cache with the prefix (all of it run, or with the token cache part of
    /// it reused); returns the logits of the positions run, [run, vocab], the last row being the prefix's last position.
    /// The cache then holds PrefixLength entries either way.</summary>
    public ReadOnlySpan<float> Prefill(KvCacheDecoder decoder) => Prefill(decoder, [], out _);

    /// <summary><see cref="Prefill(KvCacheDecoder)"/> followed by <paramref name="tokens"/> in the same pass; returns
    /// the logits of the last prefix position and of every token, [tokens + 1, vocab].</summary>
    public ReadOnlySpan<float> Prefill(KvCacheDecoder decoder, ReadOnlySpan<int> tokens)
    {
        var logits = Prefill(decoder, tokens, out var rows);
        return logits[((rows - 1) * decoder.VocabularySize)..];
    }

    private ReadOnlySpan<float> Prefill(KvCacheDecoder decoder, ReadOnlySpan<int> tokens, out int rows)
    {
        var width = decoder.HiddenSize;
        Span<float> input;
        if (TokenCache is null)
        {
            decoder.Reset();
            rows = PrefixLength;
            input = decoder.Input(rows + tokens.Length);
            _prefix.AsSpan(0, rows * width).CopyTo(input);
        }
        else
        {
            rows = TokenCache.BeginPrefill(decoder, PrefixEmbeddings, PrefixLength, tokens.Length);
            input = decoder.Input(rows + tokens.Length);
        }
        if (!tokens.IsEmpty)
            Embedder.Run(tokens).CopyTo(input[(rows * width)..]);
        var targetTicks = statistics.TargetTicks;
        var logits = Timed(decoder, rows + tokens.Length, explicitPositions: TokenCache is not null);
        statistics.TargetPrefillTicks += statistics.TargetTicks - targetTicks; // Timed counts a target pass there
        TokenCache?.EndPrefill(decoder);
        return logits;
    }

    /// <summary>Appends <paramref name="tokens"/> to <paramref name="decoder"/>'s cache (1 = decode, k = verify);
    /// returns their logits [k, vocab].</summary>
    public ReadOnlySpan<float> Feed(KvCacheDecoder decoder, ReadOnlySpan<int> tokens)
    {
        Embedder.Run(tokens).CopyTo(decoder.Input(tokens.Length));
        return Timed(decoder, tokens.Length);
    }

    /// <summary><see cref="Feed"/> of one token; returns its logits [vocab].</summary>
    public ReadOnlySpan<float> Feed(KvCacheDecoder decoder, int token)
    {
        _one[0] = token;
        return Feed(decoder, _one);
    }

    /// <summary>One target pass over <paramref name="candidates"/> continuations of the target's current cache,
    /// each <paramref name="count"/> tokens long, side by side (<see cref="BatchVerifier"/>); returns their
    /// logits [candidates, count, vocab], valid until the next call. The target's cache is unchanged.</summary>
    public ReadOnlySpan<float> VerifyBatch(ReadOnlySpan<int> tokens, int candidates, int count)
    {
        _batch ??= new BatchVerifier(Target);
        var width = Embedder.HiddenSize;
        var embeddings = _batch.Input(candidates, count);
        for (var c = 0; c < candidates; c++)
            Embedder.Run(tokens.Slice(c * count, count)).CopyTo(embeddings[(c * count * width)..]);
        var start = Stopwatch.GetTimestamp();
        var logits = _batch.Run(candidates, count);
        statistics.TargetTicks += Stopwatch.GetTimestamp() - start;
        return logits;
    }

    private ReadOnlySpan<float> Timed(KvCacheDecoder decoder, int count, bool explicitPositions = false)
    {
        var start = Stopwatch.GetTimestamp();
        var logits = explicitPositions ? decoder.ForwardAtPositions(count) : decoder.Forward(count);
        var ticks = Stopwatch.GetTimestamp() - start;
        if (ReferenceEquals(decoder, Target))
            statistics.TargetTicks += ticks;
        else
            statistics.DraftTicks += ticks;
        return logits;
    }

    /// <summary>The logits of the last position of a [n, vocab] block.</summary>
    public static ReadOnlySpan<float> LastRow(ReadOnlySpan<float> logits, int vocabularySize) => logits[^vocabularySize..];

    /// <summary>Row <paramref name="row"/> of a [n, vocab] block.</summary>
    public static ReadOnlySpan<float> Row(ReadOnlySpan<float> logits, int row, int vocabularySize) =>
        logits.Slice(row * vocabularySize, vocabularySize);

    /// <summary>Index of the largest logit (the first on ties, like torch.argmax).</summary>
    public static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best])
                best = i;
        return best;
    }

    /// <summary>Frees the batch verifier's native options; the policy calls it when it closes.</summary>
    internal void Release() => _batch?.Dispose();
}
