using System.Numerics;
using VlaRosNode.Sim.Geometry;

namespace VlaRosNode.Sim.Render;

/// <summary>A pinhole camera. Its pose follows the optical-frame convention of sensor_msgs/CameraInfo: z forward
/// (the viewing direction), x right, y down in the image.</summary>
public readonly record struct Camera(Pose OpticalPose, float VerticalFovRadians, int Width, int Height)
{
    /// <summary>Near clipping distance along the view direction, m.</summary>
    public const float Near = 0.01f;

    private const float Far = 10f;

    public Vector3 Position => OpticalPose.Position;

    /// <summary>Focal length in pixels (fx = fy: square pixels).</summary>
    public float FocalPixels => Height / 2f / MathF.Tan(VerticalFovRadians / 2);

    /// <summary>A camera at <paramref name="eye"/> looking at <paramref name="target"/> with world z as "up" in the image.</summary>
    public static Camera LookAt(Vector3 eye, Vector3 target, float verticalFovDegrees, int width, int height)
    {
        var forward = Vector3.Normalize(target - eye);
        var right = Vector3.Normalize(Vector3.Cross(forward, Vector3.UnitZ));
        var down = Vector3.Cross(forward, right);
        var rotation = Quaternion.CreateFromRotationMatrix(new Matrix4x4(
            right.X, right.Y, right.Z, 0,
            down.X, down.Y, down.Z, 0,
            forward.X, forward.Y, forward.Z, 0,
            0, 0, 0, 1));
        return new Camera(new Pose(eye, rotation), verticalFovDegrees * MathF.PI / 180, width, height);
    }

    /// <summary>World -> clip space (row vectors), with clip w = depth along the optical axis.</summary>
    public Matrix4x4 ViewProjection()
    {
        // The optical frame looks along +z with y down; System.Numerics' projection looks along -z with y up,
        // so rotate the optical frame by 180 degrees about x before projecting.
        var worldToOptical = OpticalPose.Inverse().ToMatrix();
        var flip = Matrix4x4.CreateRotationX(MathF.PI);
        var projection = Matrix4x4.CreatePerspectiveFieldOfView(VerticalFovRadians, (float)Width / Height, Near, Far);
        return worldToOptical * flip * projection;
    }
}
