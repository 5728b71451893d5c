namespace VlaRosNode.Sim.Tasks;

/// <summary>
/// Which task each episode of a run over one suite or over all of them runs: the suites take turns (episode e is in
/// suite e mod S) and, within a suite, its tasks take turns, so S x N episodes give every suite N episodes. (Cycling
/// through the whole catalogue instead gave the first suites all of a short run: `vla demo --suite all --episodes 2`
/// ran 8 episodes of spatial and object only.)
/// </summary>
public sealed class EpisodeSchedule
{
    private readonly TaskDefinition[][] _suites;

    public EpisodeSchedule(IReadOnlyList<TaskSuite> suites)
    {
        if (suites.Count == 0)
            throw new ArgumentException("a schedule needs at least one suite", nameof(suites));
        _suites = [.. suites.Select(s => TaskCatalog.InSuite(s).ToArray())];
    }

    /// <summary>"all" or one suite's name (<see cref="TaskCatalog.ParseSuite"/>).</summary>
    public static EpisodeSchedule For(string suite) =>
        new(suite == "all" ? Enum.GetValues<TaskSuite>() : [TaskCatalog.ParseSuite(suite)]);

    public int TaskCount => _suites.Sum(s => s.Length);

    public TaskDefinition TaskOf(int episode)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(episode);
        var tasks = _suites[episode % _suites.Length];
        return tasks[episode / _suites.Length % tasks.Length];
    }
}
