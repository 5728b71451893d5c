using VlaRosNode.Nodes.Evaluation;

namespace VlaRosNode.Nodes.Tests.Evaluation;

public class PairedSuccessTests
{
    private static EpisodeRecord Episode(string suite, int seed, bool success) => new(suite, "task", seed, success, []);

    [Test]
    public void Episodes_pair_by_suite_task_and_seed_and_the_interval_is_hand_computed()
    {
        // 10 paired episodes: both succeed on 3, only the baseline on 3 (seeds 3-5), only the mode on 1 (seed 6),
        // neither on 3; plus one baseline episode the mode did not run (left out).
        var outcomes = new (bool Base, bool Mode)[]
        {
            (true, true), (true, true), (true, true), (true, false), (true, false), (true, false), (false, true),
            (false, false), (false, false), (false, false),
        };
        var baseline = outcomes.Select((o, i) => Episode("spatial", i, o.Base)).Append(Episode("goal", 0, true)).ToList();
        var mode = outcomes.Select((o, i) => Episode("spatial", i, o.Mode)).ToList();

        var paired = PairedSuccess.Of(baseline, mode);

        Assert.That(paired, Is.EqualTo(new PairedSuccess(Episodes: 10, OnlyBaseline: 3, OnlyMode: 1)));
        Assert.That(paired.DifferencePoints, Is.EqualTo(-20).Within(1e-12));
        // Differences d = -1 (x3), +1 (x1), 0 (x6): mean -0.2, sample variance (4 - 10 * 0.04) / 9 = 0.4,
        // half-width 1.96 * sqrt(0.4 / 10) = 0.392 -> 39.2 points.
        Assert.That(paired.Ci95Points, Is.EqualTo(39.2).Within(1e-9));
    }

    [Test]
    public void Identical_outcomes_differ_by_zero_with_no_spread_and_one_episode_has_no_interval()
    {
        var episodes = Enumerable.Range(0, 4).Select(i => Episode("object", i, i % 2 == 0)).ToList();
        var same = PairedSuccess.Of(episodes, episodes);
        Assert.That((same.DifferencePoints, same.Ci95Points), Is.EqualTo((0.0, 0.0)));

        var single = PairedSuccess.Of([Episode("object", 0, true)], [Episode("object", 0, false)]);
        Assert.That(single.DifferencePoints, Is.EqualTo(-100));
        Assert.That(single.Ci95Points, Is.NaN);
        Assert.That(PairedSuccess.Of([Episode("object", 0, true)], [Episode("object", 1, true)]).DifferencePoints, Is.NaN, "no shared episode");
    }
}
