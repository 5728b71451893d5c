using VlaRosNode.Policy;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Arm;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>DAgger's rollouts: the policy's greedy action drives the arm while the scripted expert, without noise,
/// labels every state the policy reaches with the action it would take from there (it re-plans from any state, so a
/// missed grasp gets a retry as its label).</summary>
public sealed class PolicyDrivenEpisodes(VlaPolicy policy)
{
    private readonly PolicyOutput _output = policy.CreateOutput();
    private readonly float[] _label = new float[DeltaAction.Dimensions];
    private readonly float[] _expertExecuted = new float[DeltaAction.Dimensions];

    /// <summary>One episode until success or the simulator's step limit; <paramref name="observe"/> sees, before each
    /// step, the expert's label and the policy's action that is then executed. An <see cref="EpisodeRunner"/>.</summary>
    public EpisodeResult Run(TabletopEnv env, TaskDefinition task, int seed, ExpertRollout.StepObserver observe)
    {
        var expert = new ScriptedExpert();
        var record = ClosedLoopBenchmark.Episode(policy, env, new SimObservations(env, policy.Package.Manifest.Image.Cameras), _output, task, seed, 0, (e, output) =>
        {
            if (e.StepCount == 0)
                expert.Reset(e, seed); // the episode has just reset the environment
            expert.Act(e, _label, _expertExecuted);
            observe(e, _label, output.Action);
        });
        return new EpisodeResult(task.Id, seed, record.Steps.Count, record.Success, expert.Regrasps, PerturbedSteps: 0);
    }
}
