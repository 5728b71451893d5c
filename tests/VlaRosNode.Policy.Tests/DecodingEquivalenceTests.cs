using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Policy.Tests;

/// <summary>With r = 0, no verify-skip and no Kalman fill, every speculative strategy must reproduce greedy
/// decoding token for token on the real ONNX fixture model.</summary>
public class DecodingEquivalenceTests
{
    private static readonly Motion[] Motions = [Motion.FastStraight, Motion.SlowCurved, Motion.Short, Motion.None];
    private VlaPolicy _policy = null!;
    private Observation[] _observations = null!;
    private int[][] _greedy = null!;
    private ActionDatastore _datastore = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _policy = VlaPolicy.Open(Fixture.PackageDirectory);
        _observations = Enumerable.Range(0, 16).Select(i => RecordedObservations.Make(i, Motions[i % Motions.Length])).ToArray();
        _greedy = _observations.Select(o => _policy.Step(o).Tokens).ToArray();
        _datastore = DatastoreFromGreedyRuns();
    }

    [OneTimeTearDown]
    public void Close() => _policy.Dispose();

    /// <summary>Entries keyed by the model's own embeddings of these and other observations, with their greedy
    /// actions: drafts that match in full, in part, or not at all.</summary>
    private ActionDatastore DatastoreFromGreedyRuns() =>
        GreedyDatastore.Of(_policy, Enumerable.Range(0, 14).Select(i => RecordedObservations.Make(3 * i, Motion.None)), (i, actions) =>
        {
            if (i % 2 == 1)
                actions[i % 7] = 34 + (actions[i % 7] - 34 + 128) % 256; // a wrong token
        });

    private static IEnumerable<TestCaseData> ExactStrategies()
    {
        yield return new TestCaseData("spec", "tolerance=0").SetName("spec r=0 reproduces ar");
        yield return new TestCaseData("spec", "tolerance=0,redraft=true").SetName("spec r=0 with redraft reproduces ar");
        yield return new TestCaseData("spec", "tolerance=0,draft-length=1").SetName("spec r=0 drafting 1 token per verification reproduces ar");
        yield return new TestCaseData("spec", "tolerance=0,draft-length=3,redraft=true").SetName("spec r=0 drafting 3 with redraft reproduces ar");
        yield return new TestCaseData("kerv", "min-tolerance=0,max-tolerance=0,fill-every=1000,draft-length=2").SetName("kerv r=0 without fill drafting 2 reproduces ar");
        yield return new TestCaseData("retrieval", "tolerance=0").SetName("retrieval r=0 reproduces ar");
        yield return new TestCaseData("heisd", "verify-skip=none,drafter-tolerance=0,max-token-deviation=0,max-sum-deviation=0,mix-candidates=false")
            .SetName("heisd exact reproduces ar");
        yield return new TestCaseData("heisd", "verify-skip=none,drafter-tolerance=0,max-token-deviation=0,max-sum-deviation=0,mix-candidates=false,draft-length=2")
            .SetName("heisd exact drafting 2 reproduces ar");
        yield return new TestCaseData("heisd", "verify-skip=none,drafter-tolerance=0,max-token-deviation=0,max-sum-deviation=0,top-k=1")
            .SetName("heisd exact with one candidate verified in the prefill reproduces ar");
    }

    [TestCaseSource(nameof(ExactStrategies))]
    public void Exact_settings_reproduce_greedy_tokens(string name, string parameters)
    {
        var strategy = DecodingStrategies.Create(name, DecodingStrategies.ParseParameters([parameters]), _datastore);
        _policy.Strategy = strategy;
        try
        {
            int proposed = 0, accepted = 0;
            long targetPasses = 0;
            var branches = new HashSet<string>();
            for (var i = 0; i < _observations.Length; i++)
            {
                var output = _policy.Step(_observations[i]);
                Assert.That(output.Tokens, Is.EqualTo(_greedy[i]), $"{name} on observation {i} (branch {output.Statistics.Branch})");
                proposed += output.Statistics.DraftTokensProposed;
                accepted += output.Statistics.DraftTokensAccepted;
                targetPasses += output.Statistics.TargetPasses;
                branches.Add(output.Statistics.Branch);
            }
            // Not vacuous: drafts were both accepted and rejected, and the speculative paths really ran.
            Assert.That(accepted, Is.GreaterThan(0).And.LessThan(proposed), $"accepted {accepted} of {proposed}");
            Assert.That(targetPasses, Is.LessThan(7L * _observations.Length));
            if (name == "heisd")
                Assert.That(branches, Is.SupersetOf(new[] { "warmup", "retrieval", "drafter" }));
        }
        finally
        {
            _policy.Strategy = new GreedyDecoding();
        }
    }

    [TestCase(1, 4, 4)]
    [TestCase(2, 3, 5)]
    [TestCase(3, 2, 6)]
    [TestCase(4, 2, 6)]
    [TestCase(5, 2, 6)]
    [TestCase(6, 1, 6)]
    [TestCase(7, 1, 7)]
    [TestCase(50, 1, 7)]
    public void Draft_length_sets_the_tokens_proposed_per_verification(int draftLength, int passes, int drafted)
    {
        // Every draft stands (r = 255): each pass verifies draft_length drafts and, unless the action is complete,
        // gives the target's next token, so 7 tokens take ceil(7 / (draft_length + 1)) passes; the drafts are the rest.
        _policy.Strategy = DecodingStrategies.Create("spec", new Dictionary<string, string> { ["tolerance"] = "255", ["draft-length"] = $"{draftLength}" });
        try
        {
            var s = _policy.Step(_observations[0]).Statistics;
            Assert.That(s.TargetPasses, Is.EqualTo(passes));
            Assert.That(s.DraftTokensProposed, Is.EqualTo(drafted));
            Assert.That(s.DraftTokensAccepted, Is.EqualTo(s.DraftTokensProposed));
        }
        finally
        {
            _policy.Strategy = new GreedyDecoding();
        }
    }

    [Test]
    public void Relaxed_spec_takes_drafter_tokens_within_the_tolerance_only()
    {
        _policy.Strategy = DecodingStrategies.Create("spec", new Dictionary<string, string> { ["tolerance"] = "255" });
        try
        {
            var output = _policy.Step(_observations[0]);
            // Every action token is within 255 bins of every other: the drafter's greedy guess stands whole.
            Assert.That(output.Statistics.DraftTokensAccepted, Is.EqualTo(7));
            Assert.That(output.Statistics.TargetPasses, Is.EqualTo(1));
        }
        finally
        {
            _policy.Strategy = new GreedyDecoding();
        }
    }
}
