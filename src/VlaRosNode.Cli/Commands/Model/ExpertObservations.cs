using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Images;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Cli.Commands.Model;

/// <summary>Observations recorded in the simulator while its scripted expert runs: every <c>every</c>-th step of
/// one episode per seed, cycling through the task catalog; images copied (the simulator reuses its buffers).</summary>
internal static class ExpertObservations
{
    public static IReadOnlyList<Observation> Record(IReadOnlyList<string> cameras, int episodes, int every, int firstSeed)
    {
        var env = new TabletopEnv(new SimOptions());
        var source = new SimObservations(env, cameras);
        var recorded = new List<Observation>();
        for (var episode = 0; episode < episodes; episode++)
        {
            source.BeginEpisode();
            ExpertRollout.Run(env, new ScriptedExpert(), TaskCatalog.All[episode % TaskCatalog.All.Count], firstSeed + episode,
                (e, _, _) =>
                {
                    if (e.StepCount % every == 0)
                        recorded.Add(Copy(source.Observe()));
                });
        }
        return recorded;
    }

    private static Observation Copy(Observation o) =>
        new(o.Images.Select(i => new RgbImage(i.Width, i.Height, (byte[])i.Pixels.Clone())).ToArray(), o.Instruction);
}
