using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Sim.Tests;

/// <summary>The simulator node's episode order: `vla demo --suite all --episodes N` asks it for 4N episodes and expects N
/// of each suite (it used to cycle through the catalogue, so short runs were all spatial and object).</summary>
public sealed class EpisodeScheduleTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7)]
    public void AllSuitesGetEqualSharesOfAnyMultipleOfTheSuiteCount(int perSuite)
    {
        var schedule = EpisodeSchedule.For("all");
        var suites = Enum.GetValues<TaskSuite>();
        var episodes = Enumerable.Range(0, suites.Length * perSuite).Select(schedule.TaskOf).ToArray();
        foreach (var suite in suites)
            Assert.That(episodes.Count(t => t.Suite == suite), Is.EqualTo(perSuite), suite.ToString());
    }

    [Test]
    public void WithinASuiteTheTasksTakeTurns()
    {
        var goal = TaskCatalog.InSuite(TaskSuite.Goal).ToArray();
        var schedule = EpisodeSchedule.For("goal");
        Assert.That(Enumerable.Range(0, goal.Length * 2).Select(schedule.TaskOf), Is.EqualTo(goal.Concat(goal)));

        var all = EpisodeSchedule.For("all");
        var suites = Enum.GetValues<TaskSuite>().Length;
        var longTasks = TaskCatalog.InSuite(TaskSuite.Long).ToArray();
        var longEpisodes = Enumerable.Range(0, suites * 2 * longTasks.Length).Select(all.TaskOf).Where(t => t.Suite == TaskSuite.Long);
        Assert.That(longEpisodes, Is.EqualTo(longTasks.Concat(longTasks)), "the long suite cycles through its own tasks");
        Assert.That(all.TaskCount, Is.EqualTo(TaskCatalog.All.Count));
    }

    [Test]
    public void UnknownSuiteIsRefused() =>
        Assert.That(() => EpisodeSchedule.For("kitchen"), Throws.ArgumentException.With.Message.Contains("kitchen"));
}
