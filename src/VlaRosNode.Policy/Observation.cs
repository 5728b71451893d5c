using VlaRosNode.Policy.Images;

namespace VlaRosNode.Policy;

/// <summary>What the policy sees in one step: one image per camera (in the manifest's camera order) and the instruction.</summary>
public sealed record Observation(IReadOnlyList<RgbImage> Images, string Instruction);
