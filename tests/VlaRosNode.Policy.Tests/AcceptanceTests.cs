using VlaRosNode.Policy.Actions;
using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Policy.Tests;

/// <summary>Hand-built cases of Spec-VLA's token-wise and HeiSD's sequence-wise relaxed acceptance
/// (OpenVLA layout: action ids 31744..31999).</summary>
public class AcceptanceTests
{
    private static readonly ActionTokenizer Actions = new(32000);
    private const int Mid = 31872;

    [TestCase(Mid, Mid, 0, true)]
    [TestCase(Mid, Mid + 9, 9, true)]
    [TestCase(Mid, Mid - 10, 9, false)]
    [TestCase(Mid, Mid + 1, 0, false)]
    [TestCase(100, 100, 0, true)]        // a non-action token only matches itself
    [TestCase(100, 101, 255, false)]
    [TestCase(100, Mid, 1000, false)]
    public void Token_is_accepted_when_its_bin_is_within_r(int draft, int target, int r, bool accepted) =>
        Assert.That(TokenAcceptance.Accepts(Actions, draft, target, r), Is.EqualTo(accepted));

    [Test]
    public void Accepted_length_counts_leading_tokens_only()
    {
        int[] draft = [Mid, Mid + 3, Mid + 20, Mid, Mid, Mid, Mid];
        int[] target = [Mid, Mid, Mid, Mid, Mid, Mid, Mid];
        Assert.That(TokenAcceptance.LeadingAccepted(Actions, draft, target, 3), Is.EqualTo(2));
        Assert.That(TokenAcceptance.LeadingAccepted(Actions, draft, target, 2), Is.EqualTo(1));
        Assert.That(TokenAcceptance.LeadingAccepted(Actions, draft, target, 20), Is.EqualTo(7));
    }

    private static readonly ActionSequence Position = ActionSequence.OpenVla[0];
    private static readonly ActionSequence Rotation = ActionSequence.OpenVla[1];
    private static readonly ActionSequence Gripper = ActionSequence.OpenVla[2];

    private static int Choose(ActionSequence sequence, int[][] candidates, int[][] verdicts, int[] chosen, SequenceLimits? limits = null) =>
        SequenceAcceptance.Choose(Actions, sequence, candidates.SelectMany(c => c).ToArray(), verdicts.SelectMany(v => v).ToArray(),
            candidates.Length, chosen, limits ?? new SequenceLimits());

    [TestCase(15, 0, 0, true)]    // per-token limit is inclusive (paper)
    [TestCase(16, 0, 0, false)]
    [TestCase(15, 15, 0, true)]   // sum 30 <= 30
    [TestCase(15, 15, 1, false)]  // sum 31
    [TestCase(-10, 10, -10, true)]
    public void Position_sequence_follows_the_paper_limits(int d0, int d1, int d2, bool accepted)
    {
        int[] candidate = [Mid + d0, Mid + d1, Mid + d2, Mid, Mid, Mid, Mid];
        int[] verdict = [Mid, Mid, Mid, Mid, Mid, Mid, Mid];
        Assert.That(Choose(Position, [candidate], [verdict], []), Is.EqualTo(accepted ? 0 : -1));
    }

    [TestCase(24, 20, 0, true)]   // code limits: max < 25, sum < 45
    [TestCase(25, 0, 0, false)]
    [TestCase(24, 20, 1, false)]
    public void Code_limits_are_exclusive(int d0, int d1, int d2, bool accepted)
    {
        var code = new SequenceLimits { MaxTokenDeviation = 25, MaxSumDeviation = 45, ExclusiveLimits = true };
        int[] candidate = [Mid, Mid, Mid, Mid + d0, Mid - d1, Mid + d2, Mid];
        int[] verdict = [Mid, Mid, Mid, Mid, Mid, Mid, Mid];
        Assert.That(Choose(Rotation, [candidate], [verdict], [Mid, Mid, Mid], code), Is.EqualTo(accepted ? 0 : -1));
    }

    [Test]
    public void Position_and_rotation_may_come_from_different_candidates()
    {
        int[] a = [Mid, Mid, Mid, Mid + 40, Mid, Mid, Mid];      // good position, bad rotation
        int[] b = [Mid + 50, Mid, Mid, Mid + 1, Mid, Mid, Mid];  // bad position, good rotation
        int[] verdict = [Mid, Mid, Mid, Mid, Mid, Mid, Mid];
        Assert.That(Choose(Position, [a, b], [verdict, verdict], []), Is.EqualTo(0));
        Assert.That(Choose(Rotation, [a, b], [verdict, verdict], [Mid, Mid, Mid]), Is.EqualTo(1));
        Assert.That(Choose(Rotation, [a, b], [verdict, verdict], [Mid, Mid, Mid], new SequenceLimits { MixCandidates = false }), Is.EqualTo(-1));
    }

    [Test]
    public void Gripper_has_zero_tolerance()
    {
        int[] candidate = [Mid, Mid, Mid, Mid, Mid, Mid, 31744];
        int[] verdict = [Mid, Mid, Mid, Mid, Mid, Mid, 31745];
        Assert.That(Choose(Gripper, [candidate], [verdict], candidate[..6]), Is.EqualTo(-1));
        verdict[6] = 31744;
        Assert.That(Choose(Gripper, [candidate], [verdict], candidate[..6]), Is.EqualTo(0));
    }

    [Test]
    public void Gripper_is_never_mixed_across_candidates()
    {
        // a's arm tokens were chosen; a's gripper disagrees with its verdict, b's gripper agrees with b's verdict
        // but b's verdict was conditioned on b's own arm tokens, so it is not taken.
        int[] a = [Mid, Mid, Mid, Mid, Mid, Mid, 31744];
        int[] b = [Mid + 2, Mid, Mid, Mid, Mid, Mid, 31999];
        int[] verdictA = [Mid, Mid, Mid, Mid, Mid, Mid, 31999];
        int[] verdictB = [Mid, Mid, Mid, Mid, Mid, Mid, 31999];
        Assert.That(Choose(Gripper, [a, b], [verdictA, verdictB], a[..6]), Is.EqualTo(-1));
        // The same b is taken when the chosen arm tokens are exactly b's.
        Assert.That(Choose(Gripper, [a, b], [verdictA, verdictB], b[..6]), Is.EqualTo(1));
    }

    [Test]
    public void First_passing_candidate_in_retrieval_order_wins()
    {
        int[] a = [Mid + 5, Mid, Mid, Mid, Mid, Mid, Mid];
        int[] b = [Mid, Mid, Mid, Mid, Mid, Mid, Mid];
        int[] verdict = [Mid, Mid, Mid, Mid, Mid, Mid, Mid];
        Assert.That(Choose(Position, [a, b], [verdict, verdict], []), Is.EqualTo(0));
        Assert.That(Choose(Position, [a, b], [verdict, verdict], [], new SequenceLimits { MaxTokenDeviation = 4 }), Is.EqualTo(1));
    }
}
