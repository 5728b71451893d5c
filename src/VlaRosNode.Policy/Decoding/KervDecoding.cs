using VlaRosNode.Kinematics.Features;

namespace VlaRosNode.Policy.Decoding;

/// <summary>
/// <c>kerv</c>: drafter speculative decoding whose relaxed-acceptance threshold moves within [r_min, r_max] with
/// the motion (<see cref="ThresholdSchedule"/>), and where, on Kalman steps, the dimensions after a rejection are
/// filled from a Kalman forecast of the action stream instead of re-running the target.
/// </summary>
public sealed class KervDecoding : IDecodingStrategy
{
    private readonly SpeculativeDecoding _drafter;
    private readonly KalmanCompensation _kalman;
    private readonly FusedMetricOptions _variability;
    private int _step;

    public KervDecoding(KervOptions options)
    {
        if (options.MinTolerance < 0 || options.MaxTolerance < options.MinTolerance || options.FillEvery < 1 || options.KalmanContext < KalmanCompensation.MinimumHistory)
            throw new ArgumentException($"invalid KERV options {options}", nameof(options));
        Options = options;
        _drafter = new SpeculativeDecoding(new SpecOptions { Redraft = options.Redraft, Drafting = options.Drafting });
        _kalman = new KalmanCompensation(options.KalmanContext, options.Kalman);
        _variability = new FusedMetricOptions { Window = options.Window };
    }

    public string Name => "kerv";
    public KervOptions Options { get; }

    /// <summary>The threshold used by the last step.</summary>
    public int Tolerance { get; private set; }

    public void BeginEpisode()
    {
        _step = 0;
        _kalman.Clear();
    }

    public void Decode(DecodingContext context, Span<int> tokens)
    {
        var statistics = context.Statistics;
        statistics.Branch = "drafter";
        Tolerance = Threshold(context.Observation);
        var accepted = _drafter.ProposeAndVerify(context, tokens, Tolerance);
        if (accepted < tokens.Length)
        {
            var from = Options.KeepTargetCorrection ? accepted + 1 : accepted;
            if (from < tokens.Length && (_step + 1) % Options.FillEvery == 0 && _kalman.Fill(context.Actions, tokens, from))
            {
                statistics.Branch = "drafter+kalman";
                statistics.KalmanFills += tokens.Length - from;
            }
            else
                _drafter.Complete(context, tokens, accepted, Tolerance);
        }
        _kalman.Observe(context.Actions, tokens);
        _step++;
    }

    /// <summary>The drafter's passes (the Kalman fill runs no graph); the step counter and the filter's action
    /// history stay as they were.</summary>
    public void WarmUp(DecodingContext context, Span<int> tokens) => _drafter.WarmUp(context, tokens);

    /// <summary>r for this step: r_min + (r_max - r_min) x smoothness, smoothness = HeiSD's fused metric F of the
    /// window (straight, fast motion near 1; curved, slow, fine motion near 0), or the code's time schedule.</summary>
    private int Threshold(Observation observation)
    {
        double smoothness;
        if (Options.Schedule == ThresholdSchedule.Time)
            smoothness = Math.Exp(-Math.Pow(_step / Options.Tau, 3));
        else if (observation.Kinematics is not { } kinematics || !FusedKinematicMetric.TryCompute(kinematics.EndEffector, _variability, out smoothness))
            smoothness = 0;
        return (int)Math.Round(Options.MinTolerance + (Options.MaxTolerance - Options.MinTolerance) * smoothness);
    }
}
