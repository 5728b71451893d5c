using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>One control step of a benchmark episode.</summary>
public readonly record struct StepRecord(double TotalMs, double DecodeMs, long TargetPasses, long DrafterPasses, double AcceptedLength,
    int DraftProposed, int DraftAccepted, int Skipped, int KalmanFills, double TargetMs, double RetrievalMs, string Branch, int[] Tokens,
    string Precision, double DyqScore, double DyqMs, int TokensReused, int TokensRecomputed, double PrefillMs, int? RejectedSequences)
{
    /// <summary>The figures of the step just taken into <paramref name="output"/> (its tokens copied).</summary>
    public static StepRecord Of(PolicyOutput output)
    {
        var s = output.Statistics;
        return new StepRecord(Ms(s.TotalTicks), Ms(s.DecodeTicks), s.TargetPasses, s.DrafterPasses, s.AcceptedLength(output.Tokens.Length),
            s.DraftTokensProposed, s.DraftTokensAccepted, s.SkippedVerifications, s.KalmanFills, Ms(s.TargetTicks), Ms(s.RetrievalTicks), s.Branch,
            output.Tokens.ToArray(), s.Precision, s.DyqScore, Ms(s.DyqTicks), s.VisualTokensReused, s.VisualTokensRecomputed, Ms(s.TargetPrefillTicks), s.RejectedSequences);
    }

    private static double Ms(long ticks) => StepStatistics.Microseconds(ticks) / 1000;
}

/// <summary>One episode of one mode.</summary>
public sealed record EpisodeRecord(string Suite, string Task, int Seed, bool Success, IReadOnlyList<StepRecord> Steps);

/// <summary>Success figures of a mode's episodes, for a run and for reports merged from several.</summary>
public static class EpisodeOutcomes
{
    /// <summary>Percentage of the episodes that succeeded (0 without episodes).</summary>
    public static double SuccessRate(IReadOnlyList<EpisodeRecord> episodes) =>
        episodes.Count == 0 ? 0 : 100.0 * episodes.Count(e => e.Success) / episodes.Count;

    public static IReadOnlyDictionary<string, (int Successes, int Episodes)> BySuite(IEnumerable<EpisodeRecord> episodes) =>
        episodes.GroupBy(e => e.Suite).ToDictionary(g => g.Key, g => (g.Count(e => e.Success), g.Count()));
}

/// <summary>Figures over a set of control steps: latency, graph passes, acceptance, branches.</summary>
public class StepSummary(IReadOnlyList<StepRecord> steps)
{
    private IReadOnlyList<StepRecord> Steps { get; } = steps;

    public int StepCount => Steps.Count;
    public double MeanMs => Steps.Select(s => s.TotalMs).DefaultIfEmpty().Average();
    public double P95Ms => Percentile(Steps.Select(s => s.TotalMs), 95);
    public double MeanDecodeMs => Steps.Select(s => s.DecodeMs).DefaultIfEmpty().Average();
    public double TargetPassesPerStep => Steps.Select(s => (double)s.TargetPasses).DefaultIfEmpty().Average();
    public double DrafterPassesPerStep => Steps.Select(s => (double)s.DrafterPasses).DefaultIfEmpty().Average();
    public double AcceptedLength => Steps.Select(s => s.AcceptedLength).DefaultIfEmpty().Average();
    public double SkippedPerStep => Steps.Select(s => (double)s.Skipped).DefaultIfEmpty().Average();
    public double KalmanFillsPerStep => Steps.Select(s => (double)s.KalmanFills).DefaultIfEmpty().Average();

    /// <summary>Mean time of the target's prefill passes per step (ms), what visual token caching shortens.</summary>
    public double PrefillMs => Steps.Select(s => s.PrefillMs).DefaultIfEmpty().Average();

    /// <summary>Share of the visual tokens of the target's prefills that were reused (0 without a token cache).</summary>
    public double ReusedShare => Ratio(Steps.Sum(s => (double)s.TokensReused), Steps.Sum(s => (double)s.TokensReused + s.TokensRecomputed));

    /// <summary>Mean time of one target pass (ms), over the steps that ran one.</summary>
    public double TargetPassMs => Ratio(Steps.Sum(s => s.TargetMs), Steps.Sum(s => s.TargetPasses));

    /// <summary>Mean time of one datastore search (ms), over the steps that searched.</summary>
    public double RetrievalMs => Ratio(Steps.Where(s => s.RetrievalMs > 0).Sum(s => s.RetrievalMs), Steps.Count(s => s.RetrievalMs > 0));

    /// <summary>Per branch the strategy took: its steps, what one cost, and its share of all step time (where a
    /// strategy's time goes, e.g. verified retrieval against skipped steps).</summary>
    public IReadOnlyDictionary<string, BranchSummary> Branches
    {
        get
        {
            var total = Steps.Sum(s => s.TotalMs);
            return Steps.GroupBy(s => s.Branch).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => new BranchSummary(
                g.Count(), g.Average(s => s.TotalMs), g.Average(s => (double)s.TargetPasses), Ratio(g.Sum(s => s.TotalMs), total)));
        }
    }

    /// <summary>Of the steps that judged drafts sequence by sequence (HeiSD's verified retrieval steps), the share in
    /// which the target decoded each sequence (no candidate passed it), and in which it decoded any; empty without such steps.</summary>
    public IReadOnlyDictionary<string, double> RejectedSequenceShares
    {
        get
        {
            var judged = Steps.Where(s => s.RejectedSequences is not null).Select(s => s.RejectedSequences!.Value).ToArray();
            if (judged.Length == 0)
                return new Dictionary<string, double>();
            var shares = ActionSequence.OpenVla.Select((sequence, i) =>
                KeyValuePair.Create(sequence.Name, judged.Count(r => (r & (1 << i)) != 0) / (double)judged.Length));
            return new Dictionary<string, double>(shares) { ["any"] = judged.Count(r => r != 0) / (double)judged.Length };
        }
    }

    /// <summary>Steps per decoder precision (one for a fixed precision; DyQ's choices otherwise).</summary>
    public IReadOnlyDictionary<string, int> Precisions => Steps.GroupBy(s => s.Precision).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Mean time per step of the DyQ decision before inference (ms; near zero without DyQ).</summary>
    public double DyqMs => Steps.Select(s => s.DyqMs).DefaultIfEmpty().Average();

    private static double Ratio(double a, double b) => b > 0 ? a / b : double.NaN;

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>The steps of one branch: how many, their mean latency, target passes per step and share of all step time.</summary>
public readonly record struct BranchSummary(int Steps, double MeanMs, double TargetPassesPerStep, double TimeShare);

/// <summary>Everything one mode did, and its summary figures.</summary>
public sealed class ModeResult(BenchMode mode, IReadOnlyList<EpisodeRecord> episodes) : StepSummary(episodes.SelectMany(e => e.Steps).ToArray())
{
    public BenchMode Mode { get; } = mode;
    public IReadOnlyList<EpisodeRecord> Episodes { get; } = episodes;

    /// <summary>Changes of decoder precision from one step to the next within an episode (DyQ's switches).</summary>
    public int PrecisionSwitches => Episodes.Sum(e => e.Steps.Zip(e.Steps.Skip(1)).Count(p => p.First.Precision != p.Second.Precision));

    public double SuccessRate => EpisodeOutcomes.SuccessRate(Episodes);

    public IReadOnlyDictionary<string, (int Successes, int Episodes)> SuccessBySuite => EpisodeOutcomes.BySuite(Episodes);
}

/// <summary>A whole benchmark run; speedups are against the run's own <c>ar</c> mode.</summary>
public sealed record BenchRun(string Package, string Device, string? Datastore, DecodeBenchOptions Options, IReadOnlyList<ModeResult> Modes)
{
    public ModeResult? Baseline => Modes.FirstOrDefault(m => PolicyMode.IsReference(m.Mode));

    /// <summary>Success of <paramref name="mode"/> as a share of the baseline's (NaN without one or at 0%).</summary>
    public double RelativeSuccess(ModeResult mode) => Baseline is { SuccessRate: > 0 } ar ? 100 * mode.SuccessRate / ar.SuccessRate : double.NaN;

    /// <summary>Success of <paramref name="mode"/> against the baseline episode by episode (null without a baseline).</summary>
    public PairedSuccess? PairedWithBaseline(ModeResult mode) => Baseline is { } ar ? PairedSuccess.Of(ar.Episodes, mode.Episodes) : null;

    /// <summary>Mean step latency of ar over that of <paramref name="mode"/> (NaN without an ar mode).</summary>
    public double Speedup(ModeResult mode) => Baseline is { } ar ? ar.MeanMs / mode.MeanMs : double.NaN;

    public double DecodeSpeedup(ModeResult mode) => Baseline is { } ar ? ar.MeanDecodeMs / mode.MeanDecodeMs : double.NaN;

    /// <summary>The same mode without <c>+cache</c> in this run, for a <c>+cache</c> mode (null otherwise or when absent).</summary>
    public ModeResult? UncachedTwin(ModeResult mode) => mode.Mode.TokenCache
        ? Modes.FirstOrDefault(m => !m.Mode.TokenCache && m.Mode.Strategy == mode.Mode.Strategy && m.Mode.Precision == mode.Mode.Precision
            && m.Mode.Parameters.Count == mode.Mode.Parameters.Count && !m.Mode.Parameters.Except(mode.Mode.Parameters).Any())
        : null;
}
