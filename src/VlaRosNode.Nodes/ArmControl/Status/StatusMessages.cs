using System.Globalization;
using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.VlaRosNode;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.ArmControl.Status;

/// <summary>
/// A step report as vla_ros_node/PolicyStatus and as one diagnostic_msgs/DiagnosticStatus (OK when the step
/// commanded the arm, WARN with the reason when it did not). The messages are made once and refilled every step:
/// publishing serialises a message at once, so nothing holds on to them. What still allocates per step are the
/// diagnostic values, which the message defines as strings (19 short ones), and a held step's message.
/// </summary>
public sealed class StatusMessages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The /diagnostics values: the main figures of the step.</summary>
    private static readonly (string Key, Func<StepReport, string> Format)[] DiagnosticValues =
    [
        ("step", r => r.Step.ToString(Inv)),
        ("decoding_mode", r => r.DecodingMode),
        ("precision", r => r.Precision),
        ("branch", r => r.Branch),
        ("dyq_score", r => r.DyqScore.ToString("F3", Inv)),
        ("dyq_ms", r => r.DyqMs.ToString("F3", Inv)),
        ("precision_steps", r => string.Join(", ", r.PrecisionSteps.Select(p => $"{p.Key} {p.Value}"))),
        ("precision_switches", r => r.PrecisionSwitches.ToString(Inv)),
        ("target_passes", r => r.TargetPasses.ToString(Inv)),
        ("draft_tokens_accepted", r => $"{r.DraftTokensAccepted}/{r.DraftTokensProposed}"),
        ("accepted_length", r => r.AcceptedLength.ToString("F2", Inv)),
        ("total_ms", r => r.TotalMs.ToString("F2", Inv)),
        ("decode_ms", r => r.DecodeMs.ToString("F2", Inv)),
        ("prefill_ms", r => r.PrefillMs.ToString("F2", Inv)),
        ("visual_tokens_reused", r => $"{r.VisualTokensReused}/{r.VisualTokensReused + r.VisualTokensRecomputed}"),
        ("vision_ms", r => r.VisionMs.ToString("F2", Inv)),
        ("ik_ms", r => r.IkMs.ToString("F2", Inv)),
        ("observation_age_s", r => r.ObservationAgeS.ToString("F3", Inv)),
        ("images_dropped", r => r.ImagesDropped.ToString(Inv)),
    ];

    private readonly PolicyStatus _status = new();
    private readonly DiagnosticStatus _entry;
    private readonly DiagnosticArray _diagnostics;

    public StatusMessages(string nodeName)
    {
        _entry = new DiagnosticStatus
        {
            Name = $"{nodeName}: VLA policy",
            HardwareId = "vla_ros_node",
            Values = [.. DiagnosticValues.Select(v => new KeyValue { Key = v.Key })],
        };
        _diagnostics = new DiagnosticArray { Status = [_entry] };
    }

    public PolicyStatus ToStatus(StepReport r, RosTime now)
    {
        var s = _status;
        SetTime(s.Header.Stamp, now);
        s.Step = (ulong)r.Step;
        s.Commanded = r.Commanded;
        s.Fault = r.Fault;
        s.HoldSent = r.HoldSent;
        s.DecodingMode = r.DecodingMode;
        s.Precision = r.Precision;
        s.Branch = r.Branch;
        s.TargetPasses = (uint)r.TargetPasses;
        s.DrafterPasses = (uint)r.DrafterPasses;
        s.DraftTokensProposed = (uint)r.DraftTokensProposed;
        s.DraftTokensAccepted = (uint)r.DraftTokensAccepted;
        s.AcceptedLength = r.AcceptedLength;
        s.SkippedVerifications = (uint)r.SkippedVerifications;
        s.KalmanFills = (uint)r.KalmanFills;
        s.ImageDecodeMs = r.ImageDecodeMs;
        s.PreprocessMs = r.PreprocessMs;
        s.VisionMs = r.VisionMs;
        s.PromptMs = r.PromptMs;
        s.DecodeMs = r.DecodeMs;
        s.TargetMs = r.TargetMs;
        s.DraftMs = r.DraftMs;
        s.RetrievalMs = r.RetrievalMs;
        s.ActionMs = r.ActionMs;
        s.IkMs = r.IkMs;
        s.TotalMs = r.TotalMs;
        s.ObservationAgeS = r.ObservationAgeS;
        s.ImagesDropped = (ulong)r.ImagesDropped;
        if (s.Action.Length != r.Action.Length)
            s.Action = new float[r.Action.Length];
        r.Action.CopyTo(s.Action, 0);
        s.IkPositionError = r.IkPositionError;
        s.VelocityScale = r.VelocityScale;
        return s;
    }

    public DiagnosticArray ToDiagnostics(StepReport r, RosTime now)
    {
        SetTime(_diagnostics.Header.Stamp, now);
        _entry.Level = r.Commanded ? DiagnosticStatus.OK : DiagnosticStatus.WARN;
        _entry.Message = r.Commanded ? "commanding" : "holding: " + r.Fault;
        for (var i = 0; i < DiagnosticValues.Length; i++)
            _entry.Values[i].Value = DiagnosticValues[i].Format(r);
        return _diagnostics;
    }

    private static void SetTime(Time stamp, RosTime t)
    {
        stamp.Sec = t.Seconds;
        stamp.Nanosec = t.NanosecondsPart;
    }
}
