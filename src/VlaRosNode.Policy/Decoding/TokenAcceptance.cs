using VlaRosNode.Policy.Actions;

namespace VlaRosNode.Policy.Decoding;

/// <summary>Spec-VLA's relaxed acceptance: a draft action token stands when its bin is within r bins of the
/// target's argmax; r = 0 is exact speculative decoding.</summary>
public static class TokenAcceptance
{
    /// <summary>Bins between two tokens; tokens outside the action range only match themselves.</summary>
    public static int BinDistance(ActionTokenizer actions, int a, int b) =>
        a == b ? 0
        : actions.IsActionToken(a) && actions.IsActionToken(b) ? Math.Abs(a - b)
        : int.MaxValue;

    public static bool Accepts(ActionTokenizer actions, int draft, int target, int tolerance) =>
        BinDistance(actions, draft, target) <= tolerance;

    /// <summary>How many leading draft tokens stand, where <paramref name="targets"/>[i] is the target's argmax
    /// at position i given the draft's tokens before it.</summary>
    public static int LeadingAccepted(ActionTokenizer actions, ReadOnlySpan<int> draft, ReadOnlySpan<int> targets, int tolerance)
    {
        var n = 0;
        while (n < draft.Length && Accepts(actions, draft[n], targets[n], tolerance))
            n++;
        return n;
    }
}
