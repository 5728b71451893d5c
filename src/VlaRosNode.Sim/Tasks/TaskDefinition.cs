using VlaRosNode.Sim.Scene;

namespace VlaRosNode.Sim.Tasks;

/// <summary>The four task families, after LIBERO's suites.</summary>
public enum TaskSuite
{
    /// <summary>Identical objects; the instruction names the target by where it is.</summary>
    Spatial,

    /// <summary>Distinct objects; the instruction names the target by what it is.</summary>
    Object,

    /// <summary>The same objects every time; the instruction says what to do with them.</summary>
    Goal,

    /// <summary>Two pick-and-place steps in one instruction.</summary>
    Long,
}

/// <summary>A task: a fixed instruction, a randomised layout built from a seed, and goals whose conjunction is
/// success. <paramref name="build"/> places the objects and returns the goals in the order to achieve them.</summary>
public sealed class TaskDefinition(TaskSuite suite, string name, string instruction, Func<LayoutBuilder, PlaceGoal[]> build)
{
    /// <summary>Index in <see cref="TaskCatalog.All"/>, stable across runs (the dataset's task id).</summary>
    public int Id { get; internal set; }

    public TaskSuite Suite { get; } = suite;
    public string Name { get; } = name;
    public string Instruction { get; } = instruction;

    /// <summary>Clears <paramref name="scene"/> and lays out this task from <paramref name="random"/>.</summary>
    /// <exception cref="LayoutException">Every attempt left no room for some object.</exception>
    public PlaceGoal[] Build(TabletopScene scene, Random random)
    {
        const int attempts = 20;
        for (var attempt = 1; ; attempt++)
        {
            scene.Clear();
            try
            {
                return build(new LayoutBuilder(scene, random));
            }
            catch (LayoutException) when (attempt < attempts)
            {
                // A crowded draw: start over with the generator's next numbers (still deterministic).
            }
        }
    }

    public static bool IsSuccess(TabletopScene scene, ReadOnlySpan<PlaceGoal> goals)
    {
        foreach (var goal in goals)
            if (!goal.IsMet(scene))
                return false;
        return true;
    }

    public override string ToString() => $"{Suite.ToString().ToLowerInvariant()}/{Name}: {Instruction}";
}
