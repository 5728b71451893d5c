using System.Numerics;

namespace VlaRosNode.Sim.Render;

/// <summary>A triangle mesh in its own frame. Closed meshes wind counter-clockwise seen from outside and are
/// back-face culled; open ones (<see cref="DoubleSided"/>) are drawn from both sides with the normal facing the eye.</summary>
public sealed class Mesh(Vector3[] positions, int[] indices, bool doubleSided)
{
    public Vector3[] Positions { get; } = positions;

    /// <summary>Three vertex indices per triangle.</summary>
    public int[] Indices { get; } = indices;

    public bool DoubleSided { get; } = doubleSided;
    public int TriangleCount => Indices.Length / 3;
}
