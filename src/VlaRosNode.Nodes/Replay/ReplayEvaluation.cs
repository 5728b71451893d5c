using VlaRosNode.Kinematics.Features;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Nodes.Replay;

/// <summary>What <see cref="ReplayEvaluation"/> runs.</summary>
public sealed record ReplayOptions
{
    /// <summary>The modes to compare; plain ar (at the precision the model was opened at) is the reference, put first
    /// and added when missing.</summary>
    public IReadOnlyList<BenchMode> Modes { get; init; } = DecodingStrategies.Names.Select(BenchMode.Parse).ToArray();

    /// <summary>Stop after this many control steps (0 = the whole bag).</summary>
    public int MaxSteps { get; init; }

    /// <summary>The fused metric that sorts steps into motion phases: HeiSD's defaults, so a phase is the branch heisd takes.</summary>
    public FusedMetricOptions PhaseMetric { get; init; } = new HeisdOptions().Metric;
}

/// <summary>
/// Open-loop evaluation on a recorded bag: every control step's observation goes through the policy core once per
/// mode (the same <see cref="VlaPolicy"/> the node runs; strategy, precision or DyQ switched per step by
/// <see cref="PolicyMode"/>; the order of the modes rotating so none always runs first on a fresh observation);
/// actions are kept, never executed.
/// </summary>
public static class ReplayEvaluation
{
    public static ReplayRun Run(VlaPolicy policy, ActionDatastore? datastore, BagObservations bag, ReplayOptions options,
        string? datastoreName = null, TextWriter? progress = null) => Run(policy, datastore, [bag], options, datastoreName, progress);

    /// <summary>Replays <paramref name="bags"/> one after the other; each starts a new episode.</summary>
    public static ReplayRun Run(VlaPolicy policy, ActionDatastore? datastore, IReadOnlyList<BagObservations> bags, ReplayOptions options,
        string? datastoreName = null, TextWriter? progress = null)
    {
        foreach (var bag in bags)
            CameraTopicCheck.RequireOnePerCamera(bag.CameraTopics, policy.Package.Manifest.Image.Cameras, $"{bag.Name} is read with camera topics");
        var modes = WithArFirst(options.Modes);
        var runnable = modes.Select(m => new PolicyMode(m, datastore)).ToArray(); // bad modes fail before any step
        var opened = policy.Model.Precision;
        var outputs = modes.Select(_ => policy.CreateOutput()).ToArray();
        var records = modes.Select(_ => new List<ReplayStepRecord>()).ToArray();
        var manifest = policy.Package.Manifest;
        var tokenizer = new ActionTokenizer(manifest.Action.VocabSize, manifest.Action.Bins);
        var statistics = manifest.Statistics.Keys[policy.UnnormKey];
        var steps = new List<ReplayStepInfo>();
        var previous = PolicySettings.Of(policy);
        try
        {
            var episodes = 0;
            foreach (var bag in bags)
            {
                foreach (var step in bag.Steps())
                {
                    if (options.MaxSteps > 0 && steps.Count >= options.MaxSteps)
                        break;
                    var (phase, fused) = Phase(step.Observation.Kinematics!.EndEffector, options.PhaseMetric);
                    for (var k = 0; k < modes.Count; k++)
                    {
                        var m = (k + steps.Count) % modes.Count;
                        runnable[m].Apply(policy, opened);
                        if (step.EpisodeStart)
                            policy.BeginEpisode();
                        policy.Step(step.Observation, outputs[m]);
                        records[m].Add(new ReplayStepRecord(StepRecord.Of(outputs[m]), outputs[m].Action.ToArray()));
                    }
                    steps.Add(new ReplayStepInfo(steps.Count, episodes + step.Episode, phase, fused, step.RecordedAction,
                        Tokens(step.RecordedAction, tokenizer, statistics)));
                    if (progress is not null && steps.Count % 50 == 0)
                        progress.WriteLine($"  {steps.Count} steps");
                }
                episodes += bag.Summary.Episodes;
            }
        }
        finally
        {
            previous.Restore(policy);
        }
        return new ReplayRun(bags.Select(b => new ReplayedBag(b.Name, b.Summary)).ToArray(), policy.Package.Directory, policy.Model.Device.ToString(), datastoreName, steps,
            modes.Select((m, i) => new ReplayModeResult(m, records[i])).ToArray(), options.PhaseMetric);
    }

    private static IReadOnlyList<BenchMode> WithArFirst(IReadOnlyList<BenchMode> modes)
    {
        var ar = modes.FirstOrDefault(PolicyMode.IsReference) ?? BenchMode.Parse("ar");
        return [ar, .. modes.Where(m => m != ar)];
    }

    private static (string Phase, double Fused) Phase(PoseHistory history, FusedMetricOptions metric) =>
        !FusedKinematicMetric.TryCompute(history, metric, out var fused) ? (MotionPhase.Warmup, double.NaN)
        : FusedKinematicMetric.FavoursRetrieval(fused, metric) ? (MotionPhase.FastStraight, fused)
        : (MotionPhase.SlowFine, fused);

    /// <summary>The recorded action's tokens; a dimension the command does not give (NaN) is tokenised as 0 and
    /// left out of every comparison by <see cref="ActionErrors"/>.</summary>
    private static int[]? Tokens(float[]? action, ActionTokenizer tokenizer, ActionStatistics statistics)
    {
        if (action is null)
            return null;
        var tokens = new int[action.Length];
        tokenizer.Encode(action.Select(a => float.IsNaN(a) ? 0 : a).ToArray(), statistics, tokens);
        return tokens;
    }
}
