using VlaRosNode.Policy;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Arm;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Nodes.Evaluation;

/// <summary>DAgger's rollouts: the policy's greedy action drives the arm while the scripted expert, without noise,
/// labels every state the policy reaches with the action it would take from there (it re-plans from any state, so a
/// missed grasp gets a retry as its label). One environment per instance, as <see cref="SimObservations"/> binds to it.</summary>
public sealed class PolicyDrivenEpisodes(VlaPolicy policy)
{
    private readonly PolicyOutput _output = policy.CreateOutput();
    private readonly float[] _label = new float[DeltaAction.Dimensions];
    private readonly float[] _expertExecuted = new float[DeltaAction.Dimensions];
    private SimObservations? _source;
    private TabletopEnv? _env;

    /// <summary>One episode until success or the simulator's step limit; <paramref name="observe"/> sees, before each
    /// step, the expert's label and the policy's action that is then executed. Matches <c>DemoDatasetWriter.EpisodeRunner</c>.</summary>
    public EpisodeResult Run(TabletopEnv env, TaskDefinition task, int seed, ExpertRollout.StepObserver observe)
    {
        if (_env is null)
            (_env, _source) = (env, new SimObservations(env, policy.Package.Manifest.Image.Cameras));
        else if (_env != env)
            throw new ArgumentException("one PolicyDrivenEpisodes serves one environment", nameof(env));
        var expert = new ScriptedExpert();
        var started = false;
        var record = ClosedLoopBenchmark.Episode(policy, env, _source!, _output, task, seed, 0, (e, output) =>
        {
            if (!started)
            {
                expert.Reset(e, seed);
                started = true;
            }
            expert.Act(e, _label, _expertExecuted);
            observe(e, _label, output.Action);
        });
        return new EpisodeResult(task.Id, seed, record.Steps.Count, record.Success, expert.Regrasps, PerturbedSteps: 0);
    }
}
