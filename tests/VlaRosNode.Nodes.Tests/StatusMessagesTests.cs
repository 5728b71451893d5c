using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Nodes.ArmControl.Status;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.Tests;

/// <summary>The per-step status messages are made once and refilled: a step after another shows only its own figures.</summary>
public sealed class StatusMessagesTests
{
    private static StepReport Commanded() => new()
    {
        Step = 7, Commanded = true, DecodingMode = "spec", Precision = "int8", Branch = "drafter", TargetPasses = 2,
        DraftTokensProposed = 7, DraftTokensAccepted = 5, AcceptedLength = 3.5, TotalMs = 12.25, DecodeMs = 9.5,
        Action = [0.1f, -0.2f, 0.3f, 0, 0, 0.05f, 1], IkPositionError = 1e-4, VelocityScale = 0.5,
    };

    [Test]
    public void A_held_step_after_a_commanded_one_keeps_none_of_its_figures()
    {
        var messages = new StatusMessages("/vla_policy");
        var first = messages.ToStatus(Commanded(), new RosTime(5_250_000_000));
        var firstDiagnostics = messages.ToDiagnostics(Commanded(), new RosTime(5_250_000_000));
        Assert.That(first.Action, Is.EqualTo(new[] { 0.1f, -0.2f, 0.3f, 0, 0, 0.05f, 1 }));
        Assert.That(firstDiagnostics.Status[0].Values.Single(v => v.Key == "draft_tokens_accepted").Value, Is.EqualTo("5/7"));

        var held = new StepReport { Action = new float[7] };
        held.Reset(8);
        held.Fault = "observation is 0.612 s old";
        held.HoldSent = true;
        var second = messages.ToStatus(held, new RosTime(6_000_000_001));
        var diagnostics = messages.ToDiagnostics(held, new RosTime(6_000_000_001));

        Assert.That(second, Is.SameAs(first), "one PolicyStatus, refilled");
        Assert.That(diagnostics, Is.SameAs(firstDiagnostics), "one DiagnosticArray, refilled");
        Assert.That((second.Header.Stamp.Sec, second.Header.Stamp.Nanosec), Is.EqualTo((6, 1u)));
        Assert.That((second.Step, second.Commanded, second.HoldSent, second.Fault), Is.EqualTo((8ul, false, true, "observation is 0.612 s old")));
        Assert.That((second.DecodingMode, second.Precision, second.Branch, second.TargetPasses, second.DraftTokensAccepted), Is.EqualTo(("", "", "", 0u, 0u)));
        Assert.That((second.TotalMs, second.AcceptedLength, second.IkPositionError, second.VelocityScale), Is.EqualTo((0.0, 0.0, 0.0, 0.0)));
        Assert.That(second.Action, Is.All.Zero);

        var entry = diagnostics.Status.Single();
        Assert.That((entry.Level, entry.Message, entry.Name), Is.EqualTo((DiagnosticStatus.WARN, "holding: observation is 0.612 s old", "/vla_policy: VLA policy")));
        var values = entry.Values.ToDictionary(v => v.Key, v => v.Value);
        Assert.That(values["step"], Is.EqualTo("8"));
        Assert.That(values["draft_tokens_accepted"], Is.EqualTo("0/0"));
        Assert.That(values["total_ms"], Is.EqualTo("0.00"));
        Assert.That(values["dyq_score"], Is.EqualTo("NaN"));
        Assert.That((diagnostics.Header.Stamp.Sec, diagnostics.Header.Stamp.Nanosec), Is.EqualTo((6, 1u)));
    }
}
