using System.Collections.Immutable;

namespace VlaRosNode.Policy.Decoding;

/// <summary>A run of action dimensions HeiSD accepts or rejects as a whole. An exact sequence (the gripper)
/// tolerates no bin deviation and is only taken from a candidate whose earlier tokens are exactly the ones
/// already chosen, so it is never mixed across candidates.</summary>
public sealed record ActionSequence(string Name, int Start, int End, bool Exact)
{
    /// <summary>OpenVLA's layout: position (dx, dy, dz), rotation (droll, dpitch, dyaw), gripper. An immutable array
    /// (neither its indexer nor its foreach allocates on HeiSD's per-step path).</summary>
    public static ImmutableArray<ActionSequence> OpenVla { get; } =
        [new("position", 0, 3, false), new("rotation", 3, 6, false), new("gripper", 6, 7, true)];

    public int Length => End - Start;
}
