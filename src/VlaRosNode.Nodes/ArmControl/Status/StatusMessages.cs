using System.Globalization;
using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.VlaRosNode;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.ArmControl.Status;

/// <summary>A step report as vla_ros_node/PolicyStatus and as one diagnostic_msgs/DiagnosticStatus (OK when the step
/// commanded the arm, WARN with the reason when it did not).</summary>
public static class StatusMessages
{
    public static PolicyStatus ToStatus(StepReport r, RosTime now) => new()
    {
        Header = { Stamp = ToTime(now) },
        Step = (ulong)r.Step,
        Commanded = r.Commanded,
        Fault = r.Fault,
        HoldSent = r.HoldSent,
        DecodingMode = r.DecodingMode,
        Precision = r.Precision,
        Branch = r.Branch,
        TargetPasses = (uint)r.TargetPasses,
        DrafterPasses = (uint)r.DrafterPasses,
        DraftTokensProposed = (uint)r.DraftTokensProposed,
        DraftTokensAccepted = (uint)r.DraftTokensAccepted,
        AcceptedLength = r.AcceptedLength,
        SkippedVerifications = (uint)r.SkippedVerifications,
        KalmanFills = (uint)r.KalmanFills,
        ImageDecodeMs = r.ImageDecodeMs,
        PreprocessMs = r.PreprocessMs,
        VisionMs = r.VisionMs,
        PromptMs = r.PromptMs,
        DecodeMs = r.DecodeMs,
        TargetMs = r.TargetMs,
        DraftMs = r.DraftMs,
        RetrievalMs = r.RetrievalMs,
        ActionMs = r.ActionMs,
        IkMs = r.IkMs,
        TotalMs = r.TotalMs,
        ObservationAgeS = r.ObservationAgeS,
        ImagesDropped = (ulong)r.ImagesDropped,
        Action = [.. r.Action],
        IkPositionError = r.IkPositionError,
        VelocityScale = r.VelocityScale,
    };

    public static DiagnosticArray ToDiagnostics(StepReport r, RosTime now, string nodeName)
    {
        var level = r.Commanded ? DiagnosticStatus.OK : DiagnosticStatus.WARN;
        var inv = CultureInfo.InvariantCulture;
        return new DiagnosticArray
        {
            Header = { Stamp = ToTime(now) },
            Status =
            [
                new DiagnosticStatus
                {
                    Level = level,
                    Name = $"{nodeName}: VLA policy",
                    HardwareId = "vla_ros_node",
                    Message = r.Commanded ? "commanding" : "holding: " + r.Fault,
                    Values =
                    [
                        Pair("step", r.Step.ToString(inv)),
                        Pair("decoding_mode", r.DecodingMode),
                        Pair("precision", r.Precision),
                        Pair("branch", r.Branch),
                        Pair("dyq_score", r.DyqScore.ToString("F3", inv)),
                        Pair("dyq_ms", r.DyqMs.ToString("F3", inv)),
                        Pair("precision_steps", string.Join(", ", r.PrecisionSteps.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))),
                        Pair("precision_switches", r.PrecisionSwitches.ToString(inv)),
                        Pair("target_passes", r.TargetPasses.ToString(inv)),
                        Pair("draft_tokens_accepted", $"{r.DraftTokensAccepted}/{r.DraftTokensProposed}"),
                        Pair("accepted_length", r.AcceptedLength.ToString("F2", inv)),
                        Pair("total_ms", r.TotalMs.ToString("F2", inv)),
                        Pair("decode_ms", r.DecodeMs.ToString("F2", inv)),
                        Pair("prefill_ms", r.PrefillMs.ToString("F2", inv)),
                        Pair("visual_tokens_reused", $"{r.VisualTokensReused}/{r.VisualTokensReused + r.VisualTokensRecomputed}"),
                        Pair("vision_ms", r.VisionMs.ToString("F2", inv)),
                        Pair("ik_ms", r.IkMs.ToString("F2", inv)),
                        Pair("observation_age_s", r.ObservationAgeS.ToString("F3", inv)),
                        Pair("images_dropped", r.ImagesDropped.ToString(inv)),
                    ],
                },
            ],
        };
    }

    private static KeyValue Pair(string key, string value) => new() { Key = key, Value = value };

    private static Time ToTime(RosTime t) => new() { Sec = t.Seconds, Nanosec = t.NanosecondsPart };
}
