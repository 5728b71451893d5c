using System.Numerics;

namespace VlaRosNode.Sim.Scene;

/// <summary>The surface an object lands on when dropped: the table, a plate, the floor of a bowl, or the top of a
/// resting cube or cylinder (stacking). The highest surface under the object's centre that is not above its bottom wins.</summary>
public static class Supports
{
    /// <summary>Tolerance for "not above its bottom", so an object resting exactly on a surface keeps it.</summary>
    private const float Epsilon = 1e-4f;

    public readonly record struct Surface(int SupportId, float Height);

    public static Surface Below(IReadOnlyList<SceneObject> objects, SceneObject falling)
    {
        var best = new Surface(SceneObject.Table, 0f);
        var bottom = falling.Pose.Position.Z + Epsilon;
        var xy = new Vector2(falling.Pose.Position.X, falling.Pose.Position.Y);
        for (var i = 0; i < objects.Count; i++) // indexed: foreach over the interface would allocate
        {
            var other = objects[i];
            if (other.Id == falling.Id || other.State != ObjectState.Resting)
                continue;
            var height = SurfaceHeight(other, xy, falling);
            if (height is { } h && h <= bottom && h > best.Height)
                best = new Surface(other.Id, h);
        }
        return best;
    }

    /// <summary>Height of <paramref name="support"/>'s receiving surface at <paramref name="xy"/>, or null if xy is off it.</summary>
    private static float? SurfaceHeight(SceneObject support, Vector2 xy, SceneObject falling)
    {
        var centre = new Vector2(support.Pose.Position.X, support.Pose.Position.Y);
        var distance = Vector2.Distance(xy, centre);
        var z = support.Pose.Position.Z;
        return support.Kind switch
        {
            ObjectKind.Plate when distance < ObjectCatalog.PlateRadius => z + ObjectCatalog.PlateHeight,
            ObjectKind.Bowl when distance < ObjectCatalog.BowlRimRadius => z + ObjectCatalog.BowlFloor,
            // Stacking needs the centre over the top face, and only graspable objects stack.
            ObjectKind.Cube or ObjectKind.Cylinder when falling.IsGraspable && distance < support.Size.X * 0.5f
                => z + support.Height,
            _ => null,
        };
    }

    /// <summary>True when <paramref name="obj"/> rests on <paramref name="supportId"/> directly or through a stack
    /// (a cube on a cube in a bowl is in the bowl).</summary>
    public static bool RestsOn(IReadOnlyList<SceneObject> objects, SceneObject obj, int supportId)
    {
        var current = obj;
        for (var depth = 0; depth < objects.Count && current.State == ObjectState.Resting; depth++)
        {
            if (current.SupportId == supportId)
                return true;
            if (current.SupportId == SceneObject.Table)
                return false;
            current = objects[current.SupportId]; // ids are list indices (TabletopScene.Add)
        }
        return false;
    }
}
