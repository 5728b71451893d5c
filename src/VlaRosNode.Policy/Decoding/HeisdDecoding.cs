using VlaRosNode.Kinematics.Features;
using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Policy.Decoding;

/// <summary>
/// <c>heisd</c>: hybrid speculative decoding. Until the end-effector history fills the fused metric's window the
/// step is autoregressive; then fast, straight motion (F above the threshold) takes retrieval drafts and slow,
/// curved, fine motion the drafter. Retrieval steps may skip verification (<see cref="VerifySkip"/>); verified
/// ones check the top-K candidates in one batched target pass and accept them sequence by sequence
/// (<see cref="SequenceAcceptance"/>), decoding a sequence no candidate passes autoregressively.
/// </summary>
public sealed class HeisdDecoding : IDecodingStrategy
{
    private readonly RetrievalLookup _lookup;
    private readonly SpeculativeDecoding _drafter;
    private readonly FusedMetricOptions _metric;
    private int[] _candidates = [];
    private int[] _verdicts = [];
    private int _unverifiedRun;
    private int _lastGripper = -1; // the gripper token of the previous step's action; -1 at an episode's start

    public HeisdDecoding(HeisdOptions options, ActionDatastore datastore)
    {
        Options = options;
        _lookup = new RetrievalLookup(datastore, options.TopK);
        _drafter = new SpeculativeDecoding(new SpecOptions { Tolerance = options.DrafterTolerance, Drafting = options.Drafting });
        _metric = options.Metric;
        SkipThreshold = options.InitialSkipSimilarity;
    }

    public string Name => "heisd";
    public HeisdOptions Options { get; }

    /// <summary>The adaptive verify-skip threshold: lowered to the top-1 similarity of every verification that
    /// accepted the top-1 draft whole (the paper), raised just above that of every verification that did not (ours:
    /// without it one lucky low-similarity acceptance lets every later draft through unverified). Kept across
    /// episodes: it is what the task's feedback taught.</summary>
    public double SkipThreshold { get; private set; }

    public void BeginEpisode()
    {
        _unverifiedRun = 0;
        _lastGripper = -1;
    }

    public void Decode(DecodingContext context, Span<int> tokens)
    {
        DecodeAction(context, tokens);
        _lastGripper = tokens[Gripper];
    }

    private static int Gripper => ActionSequence.OpenVla[^1].Start;

    private void DecodeAction(DecodingContext context, Span<int> tokens)
    {
        var statistics = context.Statistics;
        if (tokens.Length != ActionSequence.OpenVla[^1].End)
            throw new InvalidOperationException($"heisd splits OpenVLA's 7-token actions; this model has {tokens.Length}");
        if (context.Observation.Kinematics is not { } kinematics || !FusedKinematicMetric.TryCompute(kinematics.EndEffector, _metric, out var fused))
        {
            statistics.Branch = "warmup";
            TargetCompletion.Fill(context, tokens, 0, tokens.Length, 0);
            return;
        }
        if (FusedKinematicMetric.FavoursRetrieval(fused, _metric))
        {
            var hits = _lookup.Search(context);
            if (!hits.IsEmpty)
            {
                Retrieved(context, tokens, hits);
                return;
            }
        }
        statistics.Branch = "drafter";
        _drafter.Complete(context, tokens, _drafter.ProposeAndVerify(context, tokens, Options.DrafterTolerance), Options.DrafterTolerance);
    }

    /// <summary>Every branch's passes: the autoregressive one, the drafter's, the search and the verification of K
    /// candidates (copies of the drafter's action; batched, or in the prefill for one). The skip counter and threshold stay as they were.</summary>
    public void WarmUp(DecodingContext context, Span<int> tokens)
    {
        TargetCompletion.Fill(context, tokens, 0, tokens.Length, 0);
        _drafter.WarmUp(context, tokens);
        _lookup.Search(context);
        var (k, n) = (Options.TopK, tokens.Length);
        EnsureCandidates(k * n);
        for (var c = 0; c < k; c++)
            tokens.CopyTo(_candidates.AsSpan(c * n, n));
        Verify(context, k, n);
    }

    private void EnsureCandidates(int length)
    {
        if (_candidates.Length == length)
            return;
        _candidates = new int[length];
        _verdicts = new int[length];
    }

    private void Retrieved(DecodingContext context, Span<int> tokens, ReadOnlySpan<RetrievalHit> hits)
    {
        var n = tokens.Length;
        var collection = _lookup.Collection!;
        var statistics = context.Statistics;
        if (SkipsVerification(hits[0].Similarity, collection.Actions(hits[0].Entry)[Gripper]))
        {
            statistics.Branch = "retrieval-skip";
            statistics.SkippedVerifications++;
            _unverifiedRun++;
            collection.Actions(hits[0].Entry).CopyTo(tokens);
            return;
        }
        _unverifiedRun = 0;
        statistics.Branch = "retrieval";
        var k = hits.Length;
        EnsureCandidates(k * n);
        for (var c = 0; c < k; c++)
            collection.Actions(hits[c].Entry).CopyTo(_candidates.AsSpan(c * n, n));
        var holdsTopOne = Verify(context, k, n);

        var cached = 0;
        var wholeTopOne = true;
        var rejected = 0;
        for (var s = 0; s < ActionSequence.OpenVla.Length; s++)
        {
            var sequence = ActionSequence.OpenVla[s];
            var chosen = SequenceAcceptance.Choose(context.Actions, sequence, _candidates, _verdicts, k, tokens, Options.Limits);
            wholeTopOne &= chosen == 0;
            if (chosen >= 0)
            {
                _candidates.AsSpan(chosen * n + sequence.Start, sequence.Length).CopyTo(tokens[sequence.Start..]);
                statistics.DraftTokensAccepted += sequence.Length;
                continue;
            }
            rejected |= 1 << s;
            var from = sequence.Start;
            if (Verdict(tokens[..from], k, n) is var corrected and >= 0)
                tokens[from++] = corrected;
            if (holdsTopOne)
            {
                cached = LeadingMatch(tokens[..from], _candidates.AsSpan(0, n - 1));
                holdsTopOne = false; // from here on the cache holds what Fill decoded
            }
            cached = Options.GuessFromCandidate
                ? TargetCompletion.Fill(context, tokens, from, sequence.End, cached, _candidates.AsSpan(0, n))
                : TargetCompletion.Fill(context, tokens, from, sequence.End, cached);
        }
        statistics.DraftTokensProposed += k * n;
        statistics.RejectedSequences = rejected;
        var similarity = hits[0].Similarity;
        if (wholeTopOne)
            SkipThreshold = Math.Min(SkipThreshold, similarity);
        else if (similarity >= SkipThreshold)
            SkipThreshold = Math.BitIncrement(similarity);
    }

    /// <summary>Prefill gives every candidate's first verdict; one batched pass over each candidate's first
    /// n - 1 tokens gives the rest (verdicts[c, j] conditioned on candidate c's tokens before j). A single candidate
    /// rides along in the prefill pass instead (one target pass, as spec's verification); true then: the target's
    /// cache holds the prefix and that candidate's first n - 1 tokens.</summary>
    private bool Verify(DecodingContext context, int k, int n)
    {
        var target = context.Target;
        var vocabulary = target.VocabularySize;
        if (k == 1)
        {
            var rows = context.Prefill(target, _candidates.AsSpan(0, n - 1));
            for (var j = 0; j < n; j++)
                _verdicts[j] = DecodingContext.ArgMax(DecodingContext.Row(rows, j, vocabulary));
            return true;
        }
        var first = DecodingContext.ArgMax(DecodingContext.LastRow(context.Prefill(target), vocabulary));
        Span<int> inputs = stackalloc int[k * (n - 1)];
        for (var c = 0; c < k; c++)
            _candidates.AsSpan(c * n, n - 1).CopyTo(inputs[(c * (n - 1))..]);
        var logits = context.VerifyBatch(inputs, k, n - 1);
        for (var c = 0; c < k; c++)
        {
            _verdicts[c * n] = first;
            for (var j = 1; j < n; j++)
                _verdicts[c * n + j] = DecodingContext.ArgMax(DecodingContext.Row(logits, c * (n - 1) + j - 1, vocabulary));
        }
        return false;
    }

    /// <summary>The target's own token after <paramref name="decided"/> when a verification already computed it: the
    /// verdict of a candidate whose tokens so far are exactly the decided ones (as speculative decoding's correction
    /// token; the first token is the prefill's, the same for every candidate); -1 when no candidate's are.</summary>
    private int Verdict(ReadOnlySpan<int> decided, int k, int n)
    {
        for (var c = 0; c < k; c++)
            if (_candidates.AsSpan(c * n, decided.Length).SequenceEqual(decided))
                return _verdicts[c * n + decided.Length];
        return -1;
    }

    /// <summary>How many leading tokens of <paramref name="decided"/> equal <paramref name="inCache"/>'s.</summary>
    private static int LeadingMatch(ReadOnlySpan<int> decided, ReadOnlySpan<int> inCache)
    {
        var i = 0;
        while (i < decided.Length && i < inCache.Length && decided[i] == inCache[i])
            i++;
        return i;
    }

    private bool SkipsVerification(double similarity, int draftGripper)
    {
        if (Options.VerifyGripperChange && draftGripper != _lastGripper)
            return false;
        return Options.VerifySkip switch
        {
            VerifySkip.Adaptive => similarity >= SkipThreshold && _unverifiedRun < Options.SkipRun,
            VerifySkip.FixedPattern => _unverifiedRun < Options.SkipRun,
            _ => false,
        };
    }
}
