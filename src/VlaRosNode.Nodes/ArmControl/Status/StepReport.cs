using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Nodes.ArmControl.Status;

/// <summary>What one step did and cost; filled by the controller, turned into /vla/status and /diagnostics.</summary>
public sealed class StepReport
{
    public long Step { get; set; }
    public bool Commanded { get; set; }
    public string Fault { get; set; } = "";
    public bool HoldSent { get; set; }
    public string DecodingMode { get; set; } = "";
    public string Precision { get; set; } = "";
    public string Branch { get; set; } = "";

    /// <summary>DyQ's kinematic score S of the step (NaN with DyQ off or while its windows fill).</summary>
    public double DyqScore { get; set; } = double.NaN;

    /// <summary>DyQ's decision time of the step (proxies, score, switch), before inference.</summary>
    public double DyqMs { get; set; }

    /// <summary>Since the node started: steps run at each decoder precision (in ordinal order, as /diagnostics lists
    /// them), and changes of precision between steps.</summary>
    public SortedDictionary<string, long> PrecisionSteps { get; } = new(StringComparer.Ordinal);
    public long PrecisionSwitches { get; private set; }
    private string _lastPrecision = "";
    public long TargetPasses { get; set; }
    public long DrafterPasses { get; set; }
    public int DraftTokensProposed { get; set; }
    public int DraftTokensAccepted { get; set; }
    public double AcceptedLength { get; set; }
    public int SkippedVerifications { get; set; }
    public int KalmanFills { get; set; }

    /// <summary>Visual tokens the target's prefill reused / recomputed (token cache), and that prefill's time.</summary>
    public int VisualTokensReused { get; set; }
    public int VisualTokensRecomputed { get; set; }
    public double PrefillMs { get; set; }
    public double ImageDecodeMs { get; set; }
    public double PreprocessMs { get; set; }
    public double VisionMs { get; set; }
    public double PromptMs { get; set; }
    public double DecodeMs { get; set; }
    public double TargetMs { get; set; }
    public double DraftMs { get; set; }
    public double RetrievalMs { get; set; }
    public double ActionMs { get; set; }
    public double IkMs { get; set; }
    public double TotalMs { get; set; }
    public double ObservationAgeS { get; set; }
    public long ImagesDropped { get; set; }
    public float[] Action { get; set; } = [];
    public double IkPositionError { get; set; }
    public double VelocityScale { get; set; }

    /// <summary>Clears everything a step sets, keeping the step counter and the action buffer.</summary>
    public void Reset(long step)
    {
        Step = step;
        Commanded = HoldSent = false;
        Fault = DecodingMode = Precision = Branch = "";
        DyqScore = double.NaN;
        DyqMs = 0;
        TargetPasses = DrafterPasses = 0;
        DraftTokensProposed = DraftTokensAccepted = SkippedVerifications = KalmanFills = VisualTokensReused = VisualTokensRecomputed = 0;
        AcceptedLength = 0;
        ImageDecodeMs = PrefillMs = PreprocessMs = VisionMs = PromptMs = DecodeMs = TargetMs = DraftMs = RetrievalMs = ActionMs = IkMs = TotalMs = 0;
        ObservationAgeS = IkPositionError = VelocityScale = 0;
        Array.Clear(Action);
    }

    /// <summary>Copies the policy's decoding statistics and per-stage times for an action of <paramref name="tokens"/> tokens.</summary>
    public void SetPolicy(StepStatistics s, int tokens)
    {
        DecodingMode = s.Strategy;
        Precision = s.Precision;
        Branch = s.Branch;
        DyqScore = s.DyqScore;
        DyqMs = Ms(s.DyqTicks);
        CountPrecision(s.Precision);
        TargetPasses = s.TargetPasses;
        DrafterPasses = s.DrafterPasses;
        DraftTokensProposed = s.DraftTokensProposed;
        DraftTokensAccepted = s.DraftTokensAccepted;
        AcceptedLength = s.AcceptedLength(tokens);
        SkippedVerifications = s.SkippedVerifications;
        KalmanFills = s.KalmanFills;
        VisualTokensReused = s.VisualTokensReused;
        VisualTokensRecomputed = s.VisualTokensRecomputed;
        PrefillMs = Ms(s.TargetPrefillTicks);
        PreprocessMs = Ms(s.PreprocessTicks);
        VisionMs = Ms(s.VisionTicks);
        PromptMs = Ms(s.PromptTicks);
        DecodeMs = Ms(s.DecodeTicks);
        TargetMs = Ms(s.TargetTicks);
        DraftMs = Ms(s.DraftTicks);
        RetrievalMs = Ms(s.RetrievalTicks);
        ActionMs = Ms(s.ActionTicks);
    }

    private void CountPrecision(string precision)
    {
        PrecisionSteps[precision] = PrecisionSteps.GetValueOrDefault(precision) + 1;
        if (_lastPrecision.Length > 0 && precision != _lastPrecision)
            PrecisionSwitches++;
        _lastPrecision = precision;
    }

    private static double Ms(long ticks) => StepStatistics.Microseconds(ticks) / 1000;
}
