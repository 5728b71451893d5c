using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Sim.Expert;

/// <summary>How one expert episode went.</summary>
public readonly record struct EpisodeResult(int TaskId, int Seed, int Steps, bool Success, int Regrasps, int PerturbedSteps);

/// <summary>Runs the scripted expert through one episode. <c>observe</c> sees the state before each step together
/// with the expert's label and the executed action: the (observation, action) pairs of a demonstration.</summary>
public static class ExpertRollout
{
    public delegate void StepObserver(TabletopEnv env, ReadOnlySpan<float> label, ReadOnlySpan<float> executed);

    public static EpisodeResult Run(TabletopEnv env, ScriptedExpert expert, TaskDefinition task, int seed, StepObserver? observe = null)
    {
        env.Reset(task, seed);
        // The noise stream is its own function of the seed, so layouts and noise do not share numbers.
        expert.Reset(env, unchecked(seed * 7919 + 17));
        Span<float> label = stackalloc float[Arm.DeltaAction.Dimensions];
        Span<float> executed = stackalloc float[Arm.DeltaAction.Dimensions];
        while (!env.Done)
        {
            expert.Act(env, label, executed);
            observe?.Invoke(env, label, executed);
            env.Step(executed);
        }
        return new EpisodeResult(task.Id, seed, env.StepCount, env.Succeeded, expert.Regrasps, expert.PerturbedSteps);
    }
}
