using System.Numerics;
using VlaRosNode.Sim.Scene;

namespace VlaRosNode.Sim.Render;

/// <summary>The unit shapes everything is drawn from, built once. Each sits on z = 0 with its axis along z and
/// spans x, y in [-0.5, 0.5] and z in [0, 1]; a scale in the model matrix gives it its real size.</summary>
public static class MeshLibrary
{
    private const int Segments = 16;

    public static Mesh Box { get; } = BuildBox();
    public static Mesh Cylinder { get; } = BuildCylinder();
    public static Mesh Bowl { get; } = BuildBowl();

    /// <summary>The unit mesh an object kind is drawn with (a plate is a flat cylinder).</summary>
    public static Mesh For(ObjectKind kind) => kind switch
    {
        ObjectKind.Cube => Box,
        ObjectKind.Cylinder or ObjectKind.Plate => Cylinder,
        ObjectKind.Bowl => Bowl,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown object kind"),
    };

    private static Mesh BuildBox()
    {
        var p = new Vector3[8];
        for (var i = 0; i < 8; i++)
            p[i] = new Vector3((i & 1) == 0 ? -0.5f : 0.5f, (i & 2) == 0 ? -0.5f : 0.5f, (i & 4) == 0 ? 0f : 1f);
        var indices = new List<int>();
        // Each face counter-clockwise seen from outside.
        Quad(indices, 0, 2, 3, 1); // bottom (-z)
        Quad(indices, 4, 5, 7, 6); // top (+z)
        Quad(indices, 0, 1, 5, 4); // -y
        Quad(indices, 2, 6, 7, 3); // +y
        Quad(indices, 0, 4, 6, 2); // -x
        Quad(indices, 1, 3, 7, 5); // +x
        return new Mesh(p, [.. indices], doubleSided: false);
    }

    private static Mesh BuildCylinder()
    {
        var p = new List<Vector3>();
        var indices = new List<int>();
        var bottomCentre = Add(p, Vector3.Zero);
        var topCentre = Add(p, Vector3.UnitZ);
        var ring = p.Count;
        for (var i = 0; i < Segments; i++)
        {
            var (x, y) = Circle(i, 0.5f);
            p.Add(new Vector3(x, y, 0));
            p.Add(new Vector3(x, y, 1));
        }
        for (var i = 0; i < Segments; i++)
        {
            int b0 = ring + 2 * i, t0 = b0 + 1, b1 = ring + 2 * ((i + 1) % Segments), t1 = b1 + 1;
            Quad(indices, b0, b1, t1, t0);
            indices.AddRange([topCentre, t0, t1]);
            indices.AddRange([bottomCentre, b1, b0]);
        }
        return new Mesh([.. p], [.. indices], doubleSided: false);
    }

    /// <summary>An open truncated cone (the wall) and a floor disc, proportioned like the catalog's bowl.</summary>
    private static Mesh BuildBowl()
    {
        var bottom = 0.5f * ObjectCatalog.BowlBottomRadius / ObjectCatalog.BowlRimRadius;
        var floor = ObjectCatalog.BowlFloor / ObjectCatalog.BowlHeight;
        var p = new List<Vector3>();
        var indices = new List<int>();
        var floorCentre = Add(p, new Vector3(0, 0, floor));
        var ring = p.Count;
        for (var i = 0; i < Segments; i++)
        {
            var (xb, yb) = Circle(i, bottom);
            var (xt, yt) = Circle(i, 0.5f);
            p.Add(new Vector3(xb, yb, floor));
            p.Add(new Vector3(xt, yt, 1));
            p.Add(new Vector3(xb, yb, 0));
        }
        for (var i = 0; i < Segments; i++)
        {
            int f0 = ring + 3 * i, r0 = f0 + 1, z0 = f0 + 2;
            int f1 = ring + 3 * ((i + 1) % Segments), r1 = f1 + 1, z1 = f1 + 2;
            Quad(indices, f0, f1, r1, r0); // wall from the floor edge to the rim
            Quad(indices, z0, z1, f1, f0); // short outer foot below the floor
            indices.AddRange([floorCentre, f0, f1]);
        }
        return new Mesh([.. p], [.. indices], doubleSided: true);
    }

    private static int Add(List<Vector3> points, Vector3 point)
    {
        points.Add(point);
        return points.Count - 1;
    }

    private static (float X, float Y) Circle(int i, float radius)
    {
        var angle = 2 * MathF.PI * i / Segments;
        return (radius * MathF.Cos(angle), radius * MathF.Sin(angle));
    }

    private static void Quad(List<int> indices, int a, int b, int c, int d) => indices.AddRange([a, b, c, a, c, d]);
}
