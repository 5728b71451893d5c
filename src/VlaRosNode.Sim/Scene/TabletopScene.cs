namespace VlaRosNode.Sim.Scene;

/// <summary>The table, the objects on it and the gripper. The arm lives in <see cref="Arm.SimArm"/>; the table
/// top is the plane z = 0 of the world frame, whose origin is the arm's base.</summary>
public sealed class TabletopScene
{
    /// <summary>Table top extents in the world frame, m.</summary>
    public const float TableMinX = -0.25f, TableMaxX = 0.95f, TableMinY = -0.6f, TableMaxY = 0.6f, TableThickness = 0.04f;

    private readonly List<SceneObject> _objects = [];

    public IReadOnlyList<SceneObject> Objects => _objects;
    public Gripper Gripper { get; } = new();

    public SceneObject Add(ObjectKind kind, ObjectColor color, Geometry.Pose pose)
    {
        var obj = new SceneObject(_objects.Count, kind, color, pose);
        _objects.Add(obj);
        return obj;
    }

    public SceneObject Object(int id) => id >= 0 && id < _objects.Count
        ? _objects[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"no object #{id} in a scene of {_objects.Count}");

    public void Clear()
    {
        _objects.Clear();
        Gripper.Reset();
    }
}
