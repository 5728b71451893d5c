using VlaRosNode.Policy.Images;

namespace VlaRosNode.Policy;

/// <summary>What the policy sees in one step: one image per camera (in the manifest's camera order), the
/// instruction, and the arm's recent motion when the caller tracks it (HeiSD and KERV need it).</summary>
public sealed record Observation(IReadOnlyList<RgbImage> Images, string Instruction)
{
    public KinematicState? Kinematics { get; init; }
}
