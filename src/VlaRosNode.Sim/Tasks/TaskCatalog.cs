using System.Numerics;
using VlaRosNode.Sim.Scene;
using static VlaRosNode.Sim.Scene.ObjectColor;
using static VlaRosNode.Sim.Scene.ObjectKind;

namespace VlaRosNode.Sim.Tasks;

/// <summary>Every task, grouped in suites like LIBERO's. "Left"/"right" and "front"/"back" are as seen in the
/// third-person camera, which faces the arm from the far side of the table: left is world -y, front is larger x.</summary>
public static class TaskCatalog
{
    public static IReadOnlyList<TaskDefinition> All { get; } = Number(
    [
        // Spatial: two identical objects; only their place tells them apart.
        new(TaskSuite.Spatial, "left_red_cube_to_plate", "pick up the red cube on the left and place it on the plate",
            b => TwinCubes(b, left: true, toPlate: true)),
        new(TaskSuite.Spatial, "right_red_cube_to_bowl", "pick up the red cube on the right and place it in the bowl",
            b => TwinCubes(b, left: false, toPlate: false)),
        new(TaskSuite.Spatial, "front_blue_cylinder_to_plate", "pick up the blue cylinder at the front and place it on the plate",
            FrontCylinder),
        new(TaskSuite.Spatial, "red_cube_by_bowl_to_plate", "pick up the red cube next to the bowl and place it on the plate",
            CubeNextToBowl),

        // Object: one bowl and four different objects; the instruction names which.
        new(TaskSuite.Object, "red_cube_to_bowl", "pick up the red cube and place it in the bowl", b => OneOfMany(b, Cube, Red)),
        new(TaskSuite.Object, "blue_cylinder_to_bowl", "pick up the blue cylinder and place it in the bowl", b => OneOfMany(b, Cylinder, Blue)),
        new(TaskSuite.Object, "yellow_cube_to_bowl", "pick up the yellow cube and place it in the bowl", b => OneOfMany(b, Cube, Yellow)),
        new(TaskSuite.Object, "green_cylinder_to_bowl", "pick up the green cylinder and place it in the bowl", b => OneOfMany(b, Cylinder, Green)),

        // Goal: always a red cube, a blue cube, a green cylinder, a bowl and a plate.
        new(TaskSuite.Goal, "red_cube_in_bowl", "put the red cube in the bowl", b => { var s = GoalSet(b); return [new(s.Red.Id, s.Bowl.Id)]; }),
        new(TaskSuite.Goal, "green_cylinder_on_plate", "put the green cylinder on the plate", b => { var s = GoalSet(b); return [new(s.Green.Id, s.Plate.Id)]; }),
        new(TaskSuite.Goal, "stack_blue_on_red", "stack the blue cube on the red cube", b => { var s = GoalSet(b); return [new(s.Blue.Id, s.Red.Id)]; }),
        new(TaskSuite.Goal, "blue_cube_on_plate", "put the blue cube on the plate", b => { var s = GoalSet(b); return [new(s.Blue.Id, s.Plate.Id)]; }),

        // Long: two steps with a red cube, a blue cube, a yellow cylinder, a bowl and a plate.
        new(TaskSuite.Long, "red_in_bowl_blue_on_plate", "put the red cube in the bowl and put the blue cube on the plate",
            b => { var s = LongSet(b); return [new(s.Red.Id, s.Bowl.Id), new(s.Blue.Id, s.Plate.Id)]; }),
        new(TaskSuite.Long, "cylinder_on_plate_stack_blue_on_red", "put the yellow cylinder on the plate and stack the blue cube on the red cube",
            b => { var s = LongSet(b); return [new(s.Yellow.Id, s.Plate.Id), new(s.Blue.Id, s.Red.Id)]; }),
        new(TaskSuite.Long, "red_and_cylinder_in_bowl", "put both the red cube and the yellow cylinder in the bowl",
            b => { var s = LongSet(b); return [new(s.Red.Id, s.Bowl.Id), new(s.Yellow.Id, s.Bowl.Id)]; }),
    ]);

    public static IEnumerable<TaskDefinition> InSuite(TaskSuite suite) => All.Where(t => t.Suite == suite);

    /// <summary>The suite named <paramref name="name"/> (case-insensitive: spatial, object, goal, long).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static TaskSuite ParseSuite(string name) =>
        Enum.TryParse<TaskSuite>(name, ignoreCase: true, out var suite) && Enum.IsDefined(suite)
            ? suite
            : throw new ArgumentException($"unknown task suite '{name}' (expected one of: {string.Join(", ", Enum.GetNames<TaskSuite>().Select(n => n.ToLowerInvariant()))})");

    private static TaskDefinition[] Number(TaskDefinition[] tasks)
    {
        for (var i = 0; i < tasks.Length; i++)
            tasks[i].Id = i;
        return tasks;
    }

    private const float CentreY = 0f, CentreX = (LayoutBuilder.MinX + LayoutBuilder.MaxX) / 2;

    private static PlaceGoal[] TwinCubes(LayoutBuilder b, bool left, bool toPlate)
    {
        var plate = b.Place(Plate, White);
        var bowl = b.Place(Bowl, Purple);
        var leftCube = b.Place(Cube, Red, p => p.Y < CentreY - 0.06f);
        var rightCube = b.Place(Cube, Red, p => p.Y > CentreY + 0.06f);
        return [new((left ? leftCube : rightCube).Id, (toPlate ? plate : bowl).Id)];
    }

    private static PlaceGoal[] FrontCylinder(LayoutBuilder b)
    {
        var plate = b.Place(Plate, White);
        b.Place(Bowl, Purple);
        var front = b.Place(Cylinder, Blue, p => p.X > CentreX + 0.04f);
        b.Place(Cylinder, Blue, p => p.X < CentreX - 0.04f);
        return [new(front.Id, plate.Id)];
    }

    private static PlaceGoal[] CubeNextToBowl(LayoutBuilder b)
    {
        var bowl = b.Place(Bowl, Purple);
        var plate = b.Place(Plate, White);
        var bowlXy = new Vector2(bowl.Pose.Position.X, bowl.Pose.Position.Y);
        var near = b.Place(Cube, Red, p => Vector2.Distance(p, bowlXy) < 0.15f);
        b.Place(Cube, Red, p => Vector2.Distance(p, bowlXy) > 0.26f);
        return [new(near.Id, plate.Id)];
    }

    private static PlaceGoal[] OneOfMany(LayoutBuilder b, ObjectKind kind, ObjectColor color)
    {
        var bowl = b.Place(Bowl, White);
        var target = b.Place(kind, color);
        foreach (var (k, c) in b.Distractors(3, (kind, color)))
            b.Place(k, c);
        return [new(target.Id, bowl.Id)];
    }

    private readonly record struct GoalObjects(SceneObject Red, SceneObject Blue, SceneObject Green, SceneObject Bowl, SceneObject Plate);

    private static GoalObjects GoalSet(LayoutBuilder b)
    {
        var bowl = b.Place(Bowl, White);
        var plate = b.Place(Plate, Yellow);
        return new GoalObjects(b.Place(Cube, Red), b.Place(Cube, Blue), b.Place(Cylinder, Green), bowl, plate);
    }

    private readonly record struct LongObjects(SceneObject Red, SceneObject Blue, SceneObject Yellow, SceneObject Bowl, SceneObject Plate);

    private static LongObjects LongSet(LayoutBuilder b)
    {
        var bowl = b.Place(Bowl, White);
        var plate = b.Place(Plate, Green);
        return new LongObjects(b.Place(Cube, Red), b.Place(Cube, Blue), b.Place(Cylinder, Yellow), bowl, plate);
    }
}
