using System.Numerics;

namespace VlaRosNode.Sim.Scene;

/// <summary>The object shapes on the table. Cubes and cylinders can be grasped; bowls and plates receive them.</summary>
public enum ObjectKind
{
    Cube,
    Cylinder,
    Bowl,
    Plate,
}

/// <summary>Object colours; each has one name used in instructions and one RGB used by the renderer.</summary>
public enum ObjectColor
{
    Red,
    Green,
    Blue,
    Yellow,
    Purple,
    White,
}

/// <summary>Sizes, names and colours of the object kinds, in one place.</summary>
public static class ObjectCatalog
{
    public const float CubeSide = 0.045f;
    public const float CylinderRadius = 0.022f;
    public const float CylinderHeight = 0.07f;
    public const float BowlRimRadius = 0.08f;
    public const float BowlBottomRadius = 0.055f;
    public const float BowlHeight = 0.05f;
    public const float BowlFloor = 0.008f;
    public const float PlateRadius = 0.09f;
    public const float PlateHeight = 0.014f;

    /// <summary>Full extents (x, y, height) of an object of this kind; the object's frame sits at its bottom centre.</summary>
    public static Vector3 Size(ObjectKind kind) => kind switch
    {
        ObjectKind.Cube => new Vector3(CubeSide, CubeSide, CubeSide),
        ObjectKind.Cylinder => new Vector3(2 * CylinderRadius, 2 * CylinderRadius, CylinderHeight),
        ObjectKind.Bowl => new Vector3(2 * BowlRimRadius, 2 * BowlRimRadius, BowlHeight),
        ObjectKind.Plate => new Vector3(2 * PlateRadius, 2 * PlateRadius, PlateHeight),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown object kind"),
    };

    /// <summary>Radius of the circle that contains the object's footprint (for non-overlapping layouts).</summary>
    public static float FootprintRadius(ObjectKind kind) => kind switch
    {
        ObjectKind.Cube => CubeSide * 0.7072f,
        ObjectKind.Cylinder => CylinderRadius,
        ObjectKind.Bowl => BowlRimRadius,
        ObjectKind.Plate => PlateRadius,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown object kind"),
    };

    public static bool IsGraspable(ObjectKind kind) => kind is ObjectKind.Cube or ObjectKind.Cylinder;

    public static string Name(ObjectKind kind) => kind.ToString().ToLowerInvariant();

    public static string Name(ObjectColor color) => color.ToString().ToLowerInvariant();

    /// <summary>Linear RGB in [0, 1], saturated enough to stay distinct after shading.</summary>
    public static Vector3 Rgb(ObjectColor color) => color switch
    {
        ObjectColor.Red => new Vector3(0.85f, 0.12f, 0.10f),
        ObjectColor.Green => new Vector3(0.15f, 0.70f, 0.20f),
        ObjectColor.Blue => new Vector3(0.12f, 0.25f, 0.90f),
        ObjectColor.Yellow => new Vector3(0.95f, 0.85f, 0.10f),
        ObjectColor.Purple => new Vector3(0.60f, 0.20f, 0.75f),
        ObjectColor.White => new Vector3(0.92f, 0.92f, 0.92f),
        _ => throw new ArgumentOutOfRangeException(nameof(color), color, "unknown colour"),
    };
}
