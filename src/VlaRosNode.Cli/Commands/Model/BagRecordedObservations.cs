using VlaRosNode.Nodes.Replay;
using VlaRosNode.Policy;

namespace VlaRosNode.Cli.Commands.Model;

/// <summary>Observations of recorded bags, assembled as the policy node assembles them (<see cref="BagObservations"/>):
/// every <c>every</c>-th step of each bag, images copied.</summary>
internal static class BagRecordedObservations
{
    public static IReadOnlyList<Observation> Record(IReadOnlyList<string> bags, BagObservationOptions options, int every)
    {
        var recorded = new List<Observation>();
        foreach (var path in bags)
        {
            using var bag = BagObservations.Open(path, options);
            var index = 0;
            foreach (var step in bag.Steps())
                if (index++ % every == 0)
                    recorded.Add(ExpertObservations.Copy(step.Observation));
        }
        return recorded;
    }
}
