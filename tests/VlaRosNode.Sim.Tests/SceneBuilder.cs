using System.Numerics;
using VlaRosNode.Sim.Geometry;
using VlaRosNode.Sim.Scene;

namespace VlaRosNode.Sim.Tests;

/// <summary>Helpers for grasp tests: tool poses pointing down, as the expert holds them.</summary>
internal static class SceneBuilder
{
    /// <summary>Tool pointing down at <paramref name="position"/>, fingers closing along world y.</summary>
    public static Pose ToolDown(Vector3 position) =>
        new(position, Quaternion.CreateFromAxisAngle(Vector3.UnitX, MathF.PI));

    /// <summary>Fingertips <paramref name="depth"/> below the top of <paramref name="obj"/>, centred over it.</summary>
    public static Pose GraspPose(SceneObject obj, float depth = 0.02f) =>
        ToolDown(new Vector3(obj.Pose.Position.X, obj.Pose.Position.Y, obj.Pose.Position.Z + obj.Height - depth));

    /// <summary>Closes the gripper for <paramref name="steps"/> control periods at <paramref name="tcp"/>.</summary>
    public static void Close(TabletopScene scene, Pose tcp, int steps = 10)
    {
        scene.Gripper.Closing = true;
        for (var i = 0; i < steps; i++)
            GraspModel.Step(scene, tcp, 0.05f);
    }

    /// <summary>Opens at <paramref name="tcp"/> and lets whatever drops settle.</summary>
    public static void Release(TabletopScene scene, Pose tcp, int steps = 30)
    {
        scene.Gripper.Closing = false;
        for (var i = 0; i < steps; i++)
            GraspModel.Step(scene, tcp, 0.05f);
    }
}
