using System.Numerics;
using VlaRosNode.Sim.Geometry;
using VlaRosNode.Sim.Scene;

namespace VlaRosNode.Sim.Tasks;

/// <summary>Places objects at random, non-overlapping spots of the workspace, optionally inside a region, so every
/// seed gives a different but valid layout. Positions are drawn only from the given <see cref="Random"/>.</summary>
public sealed class LayoutBuilder(TabletopScene scene, Random random)
{
    /// <summary>Where objects are placed (reachable top-down by the arm), world frame, m.</summary>
    public const float MinX = 0.38f, MaxX = 0.68f, MinY = -0.26f, MaxY = 0.26f;

    /// <summary>Free space kept between object footprints, m (room for the fingers).</summary>
    public const float Clearance = 0.035f;

    private const int Attempts = 400;

    public TabletopScene Scene { get; } = scene;
    public Random Random { get; } = random;

    /// <summary>Puts an object of <paramref name="kind"/> and <paramref name="color"/> on the table where
    /// <paramref name="where"/> holds (anywhere when null).</summary>
    /// <exception cref="LayoutException">No free spot satisfying <paramref name="where"/> was found.</exception>
    public SceneObject Place(ObjectKind kind, ObjectColor color, Func<Vector2, bool>? where = null)
    {
        var radius = ObjectCatalog.FootprintRadius(kind);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var xy = new Vector2(
                MinX + radius * 0.5f + (float)Random.NextDouble() * (MaxX - MinX - radius),
                MinY + radius * 0.5f + (float)Random.NextDouble() * (MaxY - MinY - radius));
            var yaw = (float)(Random.NextDouble() * Math.PI / 2 - Math.PI / 4);
            if ((where is null || where(xy)) && IsFree(xy, radius))
                return Scene.Add(kind, color, Pose.FromYaw(new Vector3(xy, 0), yaw));
        }
        throw new LayoutException($"no free spot for a {ObjectCatalog.Name(color)} {ObjectCatalog.Name(kind)} after {Attempts} attempts");
    }

    /// <summary>Distinct (kind, colour) pairs of graspable objects other than those in <paramref name="exclude"/>.</summary>
    public IReadOnlyList<(ObjectKind Kind, ObjectColor Color)> Distractors(int count, params (ObjectKind Kind, ObjectColor Color)[] exclude)
    {
        var pool = new List<(ObjectKind, ObjectColor)>();
        foreach (var kind in (ReadOnlySpan<ObjectKind>)[ObjectKind.Cube, ObjectKind.Cylinder])
            foreach (var color in Enum.GetValues<ObjectColor>())
                if (!exclude.Contains((kind, color)))
                    pool.Add((kind, color));
        Random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pool));
        return pool.Take(count).ToList();
    }

    private bool IsFree(Vector2 xy, float radius)
    {
        foreach (var other in Scene.Objects)
        {
            var otherXy = new Vector2(other.Pose.Position.X, other.Pose.Position.Y);
            if (Vector2.Distance(xy, otherXy) < radius + ObjectCatalog.FootprintRadius(other.Kind) + Clearance)
                return false;
        }
        return true;
    }
}

/// <summary>A task's layout could not be built (its constraints left no room).</summary>
public sealed class LayoutException(string message) : Exception(message);
