using VlaRosNode.Nodes.Replay;
using VlaRosNode.Policy;

namespace VlaRosNode.Cli.Commands.Model;

/// <summary>Observations of recorded bags, assembled as the policy node assembles them (<see cref="BagObservations"/>):
/// every <c>every</c>-th step of each bag (each step already owns its images).</summary>
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
                    recorded.Add(step.Observation);
        }
        return recorded;
    }
}
