using VlaRosNode.Nodes.Evaluation;

namespace VlaRosNode.Nodes.Replay;

/// <summary>Which kind of motion a step was in, by HeiSD's fused kinematic metric F over the tool pose history.</summary>
public static class MotionPhase
{
    /// <summary>Fewer poses than the metric's window (HeiSD decodes autoregressively here).</summary>
    public const string Warmup = "warmup";

    /// <summary>F above the threshold: fast, straight motion (HeiSD drafts from retrieval).</summary>
    public const string FastStraight = "fast-straight";

    /// <summary>F at or below the threshold: slow, curved or fine motion (HeiSD drafts with the drafter model).</summary>
    public const string SlowFine = "slow-fine";

    public static IReadOnlyList<string> All { get; } = [Warmup, FastStraight, SlowFine];
}

/// <summary>What one control step of the replay was, shared by every mode; <c>Index</c> and <c>Episode</c> count across bags.</summary>
/// <param name="Fused">F, NaN during warm-up.</param>
/// <param name="RecordedAction">The recorded command as an action, or null.</param>
/// <param name="RecordedTokens">Its tokens (with the package's statistics), or null.</param>
public sealed record ReplayStepInfo(int Index, int Episode, string Phase, double Fused, float[]? RecordedAction, int[]? RecordedTokens);

/// <summary>One mode's step: its statistics and tokens, and the metric action it produced.</summary>
public sealed record ReplayStepRecord(StepRecord Step, float[] Action);

/// <summary>Everything one mode did over the bag; figures against ar and the recorded command are computed by <see cref="ReplayRun"/>.</summary>
public sealed class ReplayModeResult(BenchMode mode, IReadOnlyList<ReplayStepRecord> steps) : StepSummary(steps.Select(s => s.Step).ToArray())
{
    public BenchMode Mode { get; } = mode;
    public IReadOnlyList<ReplayStepRecord> Steps { get; } = steps;
}

/// <summary>One replayed bag and what reading it found.</summary>
public sealed record ReplayedBag(string Name, ReplayReadSummary Read);

/// <summary>A whole replay of one or more bags (their steps in order); the first mode is ar, the baseline every speedup
/// and error refers to.</summary>
public sealed record ReplayRun(IReadOnlyList<ReplayedBag> Bags, string Package, string Device, string? Datastore,
    IReadOnlyList<ReplayStepInfo> Steps, IReadOnlyList<ReplayModeResult> Modes, Kinematics.Features.FusedMetricOptions PhaseMetric)
{
    /// <summary>The bags' names, for titles.</summary>
    public string Title => Bags.Count == 1 ? Bags[0].Name : $"{Bags.Count} bags ({Bags[0].Name} ... {Bags[^1].Name})";

    public ReplayModeResult Baseline => Modes[0];

    public int Dimensions => Baseline.Steps.FirstOrDefault()?.Action.Length ?? 0;

    public bool HasRecordedCommands => Steps.Any(s => s.RecordedAction is not null);

    /// <summary>Dimension names: OpenVLA's 7-D layout, else d0, d1, ...</summary>
    public IReadOnlyList<string> DimensionNames => Dimensions == 7
        ? ["dx", "dy", "dz", "droll", "dpitch", "dyaw", "gripper"]
        : Enumerable.Range(0, Dimensions).Select(d => $"d{d}").ToArray();

    /// <summary>ar's mean step time over <paramref name="mode"/>'s, over the steps <paramref name="where"/> selects.</summary>
    public double Speedup(ReplayModeResult mode, Func<ReplayStepInfo, bool>? where = null) =>
        Summary(Baseline, where).MeanMs / Summary(mode, where).MeanMs;

    public double DecodeSpeedup(ReplayModeResult mode) => Baseline.MeanDecodeMs / mode.MeanDecodeMs;

    public StepSummary Summary(ReplayModeResult mode, Func<ReplayStepInfo, bool>? where = null) =>
        where is null ? mode : new StepSummary(Select(mode, where).Select(s => s.Record.Step).ToArray());

    /// <summary>The mode's tokens and actions against ar's.</summary>
    public ActionErrors AgainstAr(ReplayModeResult mode, Func<ReplayStepInfo, bool>? where = null)
    {
        var errors = new ActionErrors(Dimensions);
        foreach (var (_, record, ar) in Select(mode, where))
            errors.Add(record.Step.Tokens, record.Action, ar.Step.Tokens, ar.Action);
        return errors;
    }

    /// <summary>The mode's tokens and actions against the recorded command, over the steps that have one.</summary>
    public ActionErrors AgainstRecorded(ReplayModeResult mode, Func<ReplayStepInfo, bool>? where = null)
    {
        var errors = new ActionErrors(Dimensions);
        foreach (var (info, record, _) in Select(mode, where))
            if (info.RecordedAction is { } recorded)
                errors.Add(record.Step.Tokens, record.Action, info.RecordedTokens!, recorded);
        return errors;
    }

    public static Func<ReplayStepInfo, bool> InPhase(string phase) => s => s.Phase == phase;

    private IEnumerable<(ReplayStepInfo Info, ReplayStepRecord Record, ReplayStepRecord Ar)> Select(ReplayModeResult mode, Func<ReplayStepInfo, bool>? where) =>
        Steps.Zip(mode.Steps, Baseline.Steps).Where(p => where is null || where(p.First));
}
