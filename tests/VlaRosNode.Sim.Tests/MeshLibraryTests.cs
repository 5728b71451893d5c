using System.Numerics;
using VlaRosNode.Sim.Render;

namespace VlaRosNode.Sim.Tests;

public class MeshLibraryTests
{
    private static IEnumerable<TestCaseData> ClosedMeshes()
    {
        yield return new TestCaseData(MeshLibrary.Box).SetName("box");
        yield return new TestCaseData(MeshLibrary.Cylinder).SetName("cylinder");
    }

    [TestCaseSource(nameof(ClosedMeshes))]
    public void ClosedMeshesWindCounterClockwiseSeenFromOutside(Mesh mesh)
    {
        // Convex and centred on (0, 0, 0.5): every outward normal points away from that centre.
        var centre = new Vector3(0, 0, 0.5f);
        Assert.That(mesh.DoubleSided, Is.False);
        for (var t = 0; t < mesh.Indices.Length; t += 3)
        {
            var (a, b, c) = (mesh.Positions[mesh.Indices[t]], mesh.Positions[mesh.Indices[t + 1]], mesh.Positions[mesh.Indices[t + 2]]);
            var normal = Vector3.Cross(b - a, c - a);
            Assert.That(Vector3.Dot(normal, (a + b + c) / 3 - centre), Is.GreaterThan(0), $"triangle {t / 3} faces inwards");
        }
    }

    [Test]
    public void UnitShapesSpanTheUnitBoxOnTheirBase()
    {
        foreach (var mesh in new[] { MeshLibrary.Box, MeshLibrary.Cylinder, MeshLibrary.Bowl })
        {
            var min = mesh.Positions.Aggregate(Vector3.Min);
            var max = mesh.Positions.Aggregate(Vector3.Max);
            Assert.That(min.Z, Is.EqualTo(0f));
            Assert.That(max.Z, Is.EqualTo(1f));
            Assert.That(max.X, Is.EqualTo(0.5f).Within(1e-6f));
            Assert.That(min.Y, Is.EqualTo(-0.5f).Within(0.02f));
        }
        Assert.That(MeshLibrary.Bowl.DoubleSided, Is.True, "a bowl is open: its inside must be drawn");
    }
}
