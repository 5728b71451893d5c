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
    public long TargetPasses { get; set; }
    public long DrafterPasses { get; set; }
    public int DraftTokensProposed { get; set; }
    public int DraftTokensAccepted { get; set; }
    public double ImageDecodeMs { get; set; }
    public double PreprocessMs { get; set; }
    public double VisionMs { get; set; }
    public double PromptMs { get; set; }
    public double DecodeMs { get; set; }
    public double ActionMs { get; set; }
    public double IkMs { get; set; }
    public double TotalMs { get; set; }
    public double ObservationAgeS { get; set; }
    public float[] Action { get; set; } = [];
    public double IkPositionError { get; set; }
    public double VelocityScale { get; set; }

    /// <summary>Clears everything a step sets, keeping the step counter and the action buffer.</summary>
    public void Reset(long step)
    {
        Step = step;
        Commanded = HoldSent = false;
        Fault = DecodingMode = Precision = "";
        TargetPasses = DrafterPasses = 0;
        DraftTokensProposed = DraftTokensAccepted = 0;
        ImageDecodeMs = PreprocessMs = VisionMs = PromptMs = DecodeMs = ActionMs = IkMs = TotalMs = 0;
        ObservationAgeS = IkPositionError = VelocityScale = 0;
        Array.Clear(Action);
    }

    /// <summary>Copies the policy's per-stage figures.</summary>
    public void SetPolicy(StepStatistics s)
    {
        DecodingMode = s.Strategy;
        Precision = s.Precision;
        TargetPasses = s.TargetPasses;
        DrafterPasses = s.DrafterPasses;
        DraftTokensProposed = s.DraftTokensProposed;
        DraftTokensAccepted = s.DraftTokensAccepted;
        PreprocessMs = StepStatistics.Microseconds(s.PreprocessTicks) / 1000;
        VisionMs = StepStatistics.Microseconds(s.VisionTicks) / 1000;
        PromptMs = StepStatistics.Microseconds(s.PromptTicks) / 1000;
        DecodeMs = StepStatistics.Microseconds(s.DecodeTicks) / 1000;
        ActionMs = StepStatistics.Microseconds(s.ActionTicks) / 1000;
    }
}
