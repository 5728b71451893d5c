using System.Numerics;
using VlaRosNode.Sim.Geometry;

namespace VlaRosNode.Sim.Render;

/// <summary>The two cameras: a fixed third-person ("agent view") camera facing the arm across the table, and a
/// wrist camera fixed to the hand, looking along the approach axis past the fingers.</summary>
public static class CameraRig
{
    public static readonly Vector3 AgentEye = new(1.25f, 0f, 0.78f);
    public static readonly Vector3 AgentTarget = new(0.38f, 0f, 0.12f);
    public const float AgentFovDegrees = 45f;
    public const float WristFovDegrees = 75f;

    /// <summary>Wrist camera in the tool frame: on the side of the hand (-x) just below its body, 6 cm behind
    /// the fingertips, tilted towards them so the finger tips show at the image's bottom edge.</summary>
    public static readonly Pose WristInTool = new(new Vector3(-0.07f, 0f, -0.06f),
        Quaternion.CreateFromAxisAngle(Vector3.UnitY, 0.25f) * Quaternion.CreateFromAxisAngle(Vector3.UnitZ, -MathF.PI / 2));

    public static Camera Agent(int width, int height) => Camera.LookAt(AgentEye, AgentTarget, AgentFovDegrees, width, height);

    public static Camera Wrist(Pose tcp, int width, int height) =>
        new(tcp.Compose(WristInTool), WristFovDegrees * MathF.PI / 180, width, height);
}
