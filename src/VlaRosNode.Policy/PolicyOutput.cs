using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Policy;

/// <summary>One step's result, reused across steps: the metric action, its tokens, and the step statistics.</summary>
public sealed class PolicyOutput(int dimensions)
{
    /// <summary>dx, dy, dz, droll, dpitch, dyaw, gripper for OpenVLA-layout models, un-normalised.</summary>
    public float[] Action { get; } = new float[dimensions];
    public int[] Tokens { get; } = new int[dimensions];
    public StepStatistics Statistics { get; } = new();
}
