using System.Numerics;
using VlaRosNode.Sim.Geometry;

namespace VlaRosNode.Sim.Scene;

/// <summary>Kinematic grasping: closing fingers that reach an object lying between them hold it, and it then
/// moves rigidly with the tool; opening releases it and it falls to the surface below (see <see cref="Supports"/>).
/// There are no contact forces: what the gripper does not hold does not move.</summary>
public static class GraspModel
{
    /// <summary>Slack between pad and object faces that still counts as "the fingers reach it", m.</summary>
    private const float ContactSlack = 0.004f;

    /// <summary>Minimum overlap of pads and object along the approach axis for a hold, m.</summary>
    private const float MinPadOverlap = 0.01f;


    /// <summary>Advances the gripper, grasps, releases and falling objects by <paramref name="dt"/> seconds with the
    /// tool at <paramref name="tcp"/> (already moved by the arm this step).</summary>
    public static void Step(TabletopScene scene, Pose tcp, float dt)
    {
        var gripper = scene.Gripper;
        if (gripper.Closing)
            Close(scene, tcp, dt);
        else
            Open(scene, dt);

        if (gripper.HeldId is { } held)
            scene.Object(held).Pose = tcp.Compose(gripper.HeldOffset);
        ObjectDynamics.Step(scene.Objects, dt);
    }

    private static void Close(TabletopScene scene, Pose tcp, float dt)
    {
        var gripper = scene.Gripper;
        if (gripper.HeldId is not null)
            return;
        var next = MathF.Max(0, gripper.Width - Gripper.Speed * dt);
        for (var i = 0; i < scene.Objects.Count; i++) // indexed: foreach over the interface would allocate
        {
            var obj = scene.Objects[i];
            if (!obj.IsGraspable || obj.State == ObjectState.Held)
                continue;
            if (WidthBetweenFingers(obj, tcp) is { } width && width >= next - ContactSlack && width <= gripper.Width + ContactSlack)
            {
                Attach(scene, obj, tcp, width);
                return;
            }
        }
        gripper.Width = next;
    }

    private static void Open(TabletopScene scene, float dt)
    {
        var gripper = scene.Gripper;
        gripper.Width = MathF.Min(Gripper.MaxWidth, gripper.Width + Gripper.Speed * dt);
        if (gripper.HeldId is { } held && gripper.Width > gripper.HeldWidth + ContactSlack)
        {
            var obj = scene.Object(held);
            obj.Pose = Pose.FromYaw(obj.Pose.Position, obj.Yaw); // released objects settle upright
            obj.State = ObjectState.Falling;
            obj.FallSpeed = 0;
            gripper.HeldId = null;
        }
    }

    /// <summary>The object's extent along the finger axis if it lies between the pads, else null.</summary>
    public static float? WidthBetweenFingers(SceneObject obj, Pose tcp)
    {
        var local = tcp.Inverse().TransformPoint(obj.Centre);
        var fingerAxis = tcp.TransformDirection(Vector3.UnitY);
        var angle = MathF.Atan2(fingerAxis.Y, fingerAxis.X) - obj.Yaw;
        var width = obj.Kind == ObjectKind.Cube
            ? obj.Size.X * (MathF.Abs(MathF.Cos(angle)) + MathF.Abs(MathF.Sin(angle)))
            : obj.Size.X;
        // Centred between the pads (they close symmetrically), pads over the object sideways, and pads
        // (which span approach depth [-PadLength, 0] from the TCP) overlapping the object's height.
        var half = obj.Height / 2;
        var centred = MathF.Abs(local.Y) <= (Gripper.MaxWidth - width) / 2 + ContactSlack && MathF.Abs(local.Y) < width / 2;
        var sideways = MathF.Abs(local.X) < obj.Size.X / 2;
        var overlap = MathF.Min(local.Z + half, 0) - MathF.Max(local.Z - half, -Gripper.PadLength);
        return centred && sideways && overlap >= MinPadOverlap ? width : null;
    }

    private static void Attach(TabletopScene scene, SceneObject obj, Pose tcp, float width)
    {
        if (obj.Kind == ObjectKind.Cube)
        {
            // Closing fingers turn a cube until a face lies flat on each pad.
            var fingerAxis = tcp.TransformDirection(Vector3.UnitY);
            var fingerYaw = MathF.Atan2(fingerAxis.Y, fingerAxis.X);
            var quarter = MathF.PI / 2;
            var aligned = fingerYaw + quarter * MathF.Round((obj.Yaw - fingerYaw) / quarter);
            obj.Pose = Pose.FromYaw(obj.Pose.Position, aligned);
            width = obj.Size.X;
        }
        var gripper = scene.Gripper;
        gripper.Width = width;
        gripper.HeldWidth = width;
        gripper.HeldId = obj.Id;
        gripper.HeldOffset = tcp.Inverse().Compose(obj.Pose);
        obj.State = ObjectState.Held;
        // Whatever was stacked on it loses its support.
        for (var i = 0; i < scene.Objects.Count; i++)
            if (scene.Objects[i] is { State: ObjectState.Resting } other && other.SupportId == obj.Id)
                other.State = ObjectState.Falling;
    }
}
