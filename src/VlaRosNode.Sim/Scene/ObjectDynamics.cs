using System.Numerics;

namespace VlaRosNode.Sim.Scene;

/// <summary>Falling objects: straight down under gravity until they meet the surface below; an object landing in a
/// bowl slides to the bowl's floor.</summary>
public static class ObjectDynamics
{
    private const float Gravity = 9.81f;

    public static void Step(IReadOnlyList<SceneObject> objects, float dt)
    {
        for (var i = 0; i < objects.Count; i++) // indexed: foreach over the interface would allocate
        {
            var obj = objects[i];
            if (obj.State != ObjectState.Falling)
                continue;
            var surface = Supports.Below(objects, obj);
            obj.FallSpeed += Gravity * dt;
            var position = obj.Pose.Position;
            position.Z -= obj.FallSpeed * dt;
            if (position.Z <= surface.Height)
            {
                position.Z = surface.Height;
                if (surface.SupportId != SceneObject.Table && objects[surface.SupportId] is { Kind: ObjectKind.Bowl } bowl)
                    position = IntoBowl(bowl, obj, position);
                obj.State = ObjectState.Resting;
                obj.SupportId = surface.SupportId;
                obj.FallSpeed = 0;
            }
            obj.Pose = obj.Pose with { Position = position };
        }
    }

    /// <summary>Moves a landing position inside the bowl's floor circle (objects dropped on the wall slide in).</summary>
    private static Vector3 IntoBowl(SceneObject bowl, SceneObject obj, Vector3 position)
    {
        var centre = new Vector2(bowl.Pose.Position.X, bowl.Pose.Position.Y);
        var offset = new Vector2(position.X, position.Y) - centre;
        var limit = MathF.Max(0, ObjectCatalog.BowlBottomRadius - ObjectCatalog.FootprintRadius(obj.Kind) * 0.5f);
        if (offset.Length() > limit)
            offset = Vector2.Normalize(offset) * limit;
        return new Vector3(centre + offset, position.Z);
    }
}
