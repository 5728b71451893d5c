using VlaRosNode.Sim.Scene;

namespace VlaRosNode.Sim.Tasks;

/// <summary>One step of a task: object <see cref="ObjectId"/> must end up resting on (or in) <see cref="SupportId"/>,
/// directly or on top of something that is.</summary>
public readonly record struct PlaceGoal(int ObjectId, int SupportId)
{
    public bool IsMet(TabletopScene scene) =>
        scene.Gripper.HeldId != ObjectId && Supports.RestsOn(scene.Objects, scene.Object(ObjectId), SupportId);
}
