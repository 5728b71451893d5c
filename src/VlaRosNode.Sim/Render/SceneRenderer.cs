using System.Numerics;
using VlaRosNode.Sim.Geometry;
using VlaRosNode.Sim.Scene;

namespace VlaRosNode.Sim.Render;

/// <summary>Draws the table, the objects and the arm with its gripper into an <see cref="RgbImage"/>.</summary>
public sealed class SceneRenderer
{
    private static readonly Vector3 Background = new(0.62f, 0.68f, 0.74f);
    private static readonly Vector3 TableColor = new(0.55f, 0.42f, 0.30f);
    private static readonly Vector3 LinkColor = new(0.88f, 0.88f, 0.90f);
    private static readonly Vector3 HandColor = new(0.22f, 0.22f, 0.24f);
    private static readonly Vector3 ShadowColor = new(0.28f, 0.21f, 0.15f);

    private const float LinkRadius = 0.05f;

    /// <summary>Franka hand body in the TCP frame: 0.2 m across the fingers, 0.06 m deep, from the flange
    /// (0.1034 m above the TCP) down to where the fingers start.</summary>
    private static readonly Matrix4x4 HandBody = Matrix4x4.CreateScale(0.06f, 0.2f, 0.058f) * Matrix4x4.CreateTranslation(0, 0, -0.1034f);

    private readonly Rasterizer _rasterizer = new();

    public void Render(RgbImage image, in Camera camera, TabletopScene scene, RobotVisual robot)
    {
        _rasterizer.Begin(image, camera, Background);
        var table = Matrix4x4.CreateScale(TabletopScene.TableMaxX - TabletopScene.TableMinX, TabletopScene.TableMaxY - TabletopScene.TableMinY, TabletopScene.TableThickness)
            * Matrix4x4.CreateTranslation((TabletopScene.TableMinX + TabletopScene.TableMaxX) / 2, (TabletopScene.TableMinY + TabletopScene.TableMaxY) / 2, -TabletopScene.TableThickness);
        _rasterizer.Draw(MeshLibrary.Box, table, TableColor);
        DrawShadow(robot.Tcp.Position);

        for (var i = 0; i < scene.Objects.Count; i++) // indexed: foreach over the interface would allocate
        {
            var obj = scene.Objects[i];
            _rasterizer.Draw(MeshLibrary.For(obj.Kind), obj.Pose.ToMatrix(obj.Size), ObjectCatalog.Rgb(obj.Color));
        }

        DrawArm(robot);
    }

    /// <summary>A dark disc on the table under the tool: the cue that tells a camera how high the gripper is.</summary>
    private void DrawShadow(Vector3 tcp)
    {
        if (tcp.Z <= 0)
            return;
        var radius = 0.035f + 0.1f * MathF.Min(tcp.Z, 0.3f);
        var disc = Matrix4x4.CreateScale(2 * radius, 2 * radius, 0.0005f) * Matrix4x4.CreateTranslation(tcp.X, tcp.Y, 0.0003f);
        _rasterizer.Draw(MeshLibrary.Cylinder, disc, ShadowColor);
    }

    private void DrawArm(RobotVisual robot)
    {
        var points = robot.ChainPoints;
        for (var i = 0; i + 1 < points.Length; i++)
            DrawSegment(points[i], points[i + 1], LinkRadius, LinkColor);

        var tcp = robot.Tcp.ToMatrix();
        _rasterizer.Draw(MeshLibrary.Box, HandBody * tcp, HandColor);
        DrawSegment(points[^1], robot.Tcp.TransformPoint(new Vector3(0, 0, -0.1034f)), LinkRadius * 0.8f, HandColor);
        // Fingers: 2 cm wide, 1.2 cm thick, 5.5 cm long, inner faces at +-width/2 along the TCP's y axis.
        foreach (var side in (ReadOnlySpan<float>)[-1f, 1f])
        {
            var finger = Matrix4x4.CreateScale(0.02f, 0.012f, 0.055f)
                * Matrix4x4.CreateTranslation(0, side * (robot.GripperWidth / 2 + 0.006f), -0.055f);
            _rasterizer.Draw(MeshLibrary.Box, finger * tcp, HandColor);
        }
    }

    private void DrawSegment(Vector3 from, Vector3 to, float radius, Vector3 color)
    {
        var axis = to - from;
        var length = axis.Length();
        if (length < 1e-5f)
            return;
        var rotation = RotationFromZ(axis / length);
        var model = new Pose(from, rotation).ToMatrix(new Vector3(2 * radius, 2 * radius, length));
        _rasterizer.Draw(MeshLibrary.Cylinder, model, color);
    }

    /// <summary>The shortest rotation that turns +z onto <paramref name="direction"/> (unit length).</summary>
    private static Quaternion RotationFromZ(Vector3 direction)
    {
        var dot = direction.Z;
        if (dot < -0.9999f)
            return Quaternion.CreateFromAxisAngle(Vector3.UnitX, MathF.PI);
        var axis = Vector3.Cross(Vector3.UnitZ, direction);
        return Quaternion.Normalize(new Quaternion(axis, 1 + dot));
    }
}
