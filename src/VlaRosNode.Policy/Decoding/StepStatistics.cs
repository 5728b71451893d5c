using System.Diagnostics;

namespace VlaRosNode.Policy.Decoding;

/// <summary>What one control step cost: graph passes, draft tokens, and time per stage (Stopwatch ticks).</summary>
public sealed class StepStatistics
{
    public string Strategy { get; internal set; } = "";
    public string Precision { get; internal set; } = "";
    public long TargetPasses { get; internal set; }
    public long DrafterPasses { get; internal set; }
    public int DraftTokensProposed { get; set; }
    public int DraftTokensAccepted { get; set; }
    public long PreprocessTicks { get; internal set; }
    public long VisionTicks { get; internal set; }
    public long PromptTicks { get; internal set; }
    public long DecodeTicks { get; internal set; }
    public long ActionTicks { get; internal set; }

    public long TotalTicks => PreprocessTicks + VisionTicks + PromptTicks + DecodeTicks + ActionTicks;

    public static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    internal void Clear()
    {
        TargetPasses = DrafterPasses = 0;
        DraftTokensProposed = DraftTokensAccepted = 0;
        PreprocessTicks = VisionTicks = PromptTicks = DecodeTicks = ActionTicks = 0;
    }
}
