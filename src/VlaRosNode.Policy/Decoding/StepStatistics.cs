using System.Diagnostics;

namespace VlaRosNode.Policy.Decoding;

/// <summary>What one control step cost: graph passes, draft tokens, the strategy's branch, and time per stage
/// (Stopwatch ticks; draft, retrieval and target time are parts of the decode time).</summary>
public sealed class StepStatistics
{
    public string Strategy { get; internal set; } = "";
    public string Precision { get; internal set; } = "";

    /// <summary>DyQ's kinematic score S of the step (NaN when DyQ is off or its windows are not full yet).</summary>
    public double DyqScore { get; internal set; } = double.NaN;

    /// <summary>Which path the strategy took this step (e.g. "drafter", "retrieval", "retrieval-skip", "warmup").</summary>
    public string Branch { get; set; } = "";

    public long TargetPasses { get; internal set; }
    public long DrafterPasses { get; internal set; }
    public int DraftTokensProposed { get; set; }
    public int DraftTokensAccepted { get; set; }

    /// <summary>Steps whose retrieved draft was executed without a target pass (HeiSD's verify-skip).</summary>
    public int SkippedVerifications { get; set; }

    /// <summary>Action tokens filled by a Kalman prediction instead of the target (KERV).</summary>
    public int KalmanFills { get; set; }

    /// <summary>Set by a step that judged drafts sequence by sequence (HeiSD's verified retrieval steps; null in every
    /// other step): bit i set when no candidate passed sequence i of <see cref="ActionSequence.OpenVla"/> (position,
    /// rotation, gripper) and the target decoded it.</summary>
    public int? RejectedSequences { get; set; }

    public long PreprocessTicks { get; internal set; }
    public long VisionTicks { get; internal set; }
    public long PromptTicks { get; internal set; }
    public long DecodeTicks { get; internal set; }
    public long ActionTicks { get; internal set; }

    /// <summary>DyQ's decision (proxies, score, switch), part of the step before inference.</summary>
    public long DyqTicks { get; internal set; }
    public long TargetTicks { get; set; }

    /// <summary>The target's prefill passes (part of <see cref="TargetTicks"/>): what visual token caching shortens.</summary>
    public long TargetPrefillTicks { get; set; }

    /// <summary>Visual tokens the target's prefill reused from earlier steps and recomputed (token cache; both 0 when it
    /// is off or the target ran no prefill).</summary>
    public int VisualTokensReused { get; internal set; }
    public int VisualTokensRecomputed { get; internal set; }
    public long DraftTicks { get; set; }
    public long RetrievalTicks { get; set; }

    public long TotalTicks => DyqTicks + PreprocessTicks + VisionTicks + PromptTicks + DecodeTicks + ActionTicks;

    /// <summary>Action tokens per target pass (Spec-VLA's and HeiSD's accepted length): AR gives 1, a draft
    /// accepted whole in one verification gives 7; a skipped verification counts as one pass.</summary>
    public double AcceptedLength(int tokens) => tokens / (double)Math.Max(1, TargetPasses);

    public static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    /// <summary>Takes the counters a strategy writes during decoding.</summary>
    internal void CopyDecodingFrom(StepStatistics decoding)
    {
        Branch = decoding.Branch;
        DraftTokensProposed = decoding.DraftTokensProposed;
        DraftTokensAccepted = decoding.DraftTokensAccepted;
        SkippedVerifications = decoding.SkippedVerifications;
        KalmanFills = decoding.KalmanFills;
        RejectedSequences = decoding.RejectedSequences;
        TargetTicks = decoding.TargetTicks;
        TargetPrefillTicks = decoding.TargetPrefillTicks;
        DraftTicks = decoding.DraftTicks;
        RetrievalTicks = decoding.RetrievalTicks;
    }

    internal void Clear()
    {
        Branch = "";
        TargetPasses = DrafterPasses = 0;
        DraftTokensProposed = DraftTokensAccepted = SkippedVerifications = KalmanFills = 0;
        RejectedSequences = null;
        PreprocessTicks = VisionTicks = PromptTicks = DecodeTicks = ActionTicks = DyqTicks = 0;
        DyqScore = double.NaN;
        TargetTicks = TargetPrefillTicks = DraftTicks = RetrievalTicks = 0;
        VisualTokensReused = VisualTokensRecomputed = 0;
    }
}
