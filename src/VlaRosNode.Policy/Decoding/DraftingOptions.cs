namespace VlaRosNode.Policy.Decoding;

/// <summary>The drafter's draft length, shared by every strategy that drafts with it (<c>spec</c>, <c>heisd</c>'s
/// drafter branch, <c>kerv</c>); a parameter <c>draft_length</c> of each.</summary>
public sealed record DraftingOptions
{
    /// <summary>Tokens the drafter proposes per target verification pass, capped at the tokens left in the action:
    /// 7 drafts an OpenVLA action whole (Spec-VLA). When every token of a shorter draft stands, the same pass gives
    /// the target's next token and drafting goes on after it; a rejection ends drafting as with a whole draft.</summary>
    public int DraftLength { get; init; } = 7;
}
