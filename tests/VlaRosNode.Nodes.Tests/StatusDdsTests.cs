using VlaRosNode.Messages.VlaRosNode;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Images;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Dds;
using VlaRosNode.Ros2.Tests;

namespace VlaRosNode.Nodes.Tests;

/// <summary>
/// /vla/status over real Cyclone DDS on loopback against the strategy's own statistics: the policy node runs a
/// speculative mode on the fixture model while a fake robot publishes observations along a straight tool motion; a
/// separate policy with the same strategy steps the same frames and tool poses, and every published decoding figure of
/// every step must equal what that strategy reported (stage times are checked for consistency, as they cannot repeat).
/// </summary>
[NonParallelizable]
public sealed class StatusDdsTests
{
    private const string Instruction = "pick up the black bowl";
    private const int Steps = 10;

    [TestCase("spec", "")]
    [TestCase("heisd", "window=3,threshold=0")]
    [TestCase("kerv", "fill_every=1,min_tolerance=0,max_tolerance=0")]
    public void PublishedStatisticsEqualTheStrategysOwn(string mode, string options)
    {
        var parameters = DecodingStrategies.ParseParameters([options]);
        var store = Path.Combine(Path.GetTempPath(), $"vla-status-store-{Guid.NewGuid():N}.vds");
        using var reference = VlaPolicy.Open(TestPaths.FixtureModel);
        DatastoreFile.Save(GreedyDatastore(reference), store);
        try
        {
            var (published, stamps) = RunNode(mode, parameters, store);
            reference.Strategy = DecodingStrategies.Create(mode, parameters, DatastoreFile.Load(store));
            var expected = ReferenceSteps(reference, stamps);

            for (var i = 0; i < Steps; i++)
            {
                var (status, s) = (published[i], expected[i]);
                var step = $"step {i} ({s.Branch})";
                Assert.That(status.Commanded, Is.True, status.Fault);
                Assert.That((status.DecodingMode, status.Precision, status.Branch), Is.EqualTo((mode, "fp32", s.Branch)), step);
                Assert.That(new[] { status.TargetPasses, status.DrafterPasses }, Is.EqualTo(new[] { (uint)s.TargetPasses, (uint)s.DrafterPasses }), step);
                Assert.That(new[] { status.DraftTokensProposed, status.DraftTokensAccepted, status.SkippedVerifications, status.KalmanFills },
                    Is.EqualTo(new[] { (uint)s.DraftTokensProposed, (uint)s.DraftTokensAccepted, (uint)s.SkippedVerifications, (uint)s.KalmanFills }), step);
                Assert.That(status.AcceptedLength, Is.EqualTo(s.AcceptedLength), step);
                AssertStageTimesConsistent(status, step);
            }
            var branches = published.Select(p => p.Branch).ToHashSet();
            TestContext.Out.WriteLine($"{mode}: branches {string.Join(", ", branches)}; accepted {published.Sum(p => p.DraftTokensAccepted)}/{published.Sum(p => p.DraftTokensProposed)}, " +
                $"skipped {published.Sum(p => p.SkippedVerifications)}, Kalman fills {published.Sum(p => p.KalmanFills)}");
            Assert.That(published.Sum(p => p.DraftTokensProposed), Is.GreaterThan(0), "the mode drafted");
            if (mode == "heisd")
            {
                Assert.That(branches, Is.EquivalentTo(new[] { "warmup", "retrieval", "retrieval-skip" }),
                    "AR until the node's tool pose window is full, then retrieval (threshold 0), skipped once a draft was accepted whole");
                Assert.That(published.Sum(p => p.SkippedVerifications), Is.GreaterThan(0));
            }
            if (mode == "kerv")
                Assert.That(published.Sum(p => p.KalmanFills), Is.GreaterThan(0), "r = 0 rejects drafts; every step may fill");
        }
        finally
        {
            File.Delete(store);
        }
    }

    /// <summary>The tool moves straight along +x (joints 2 and 4 together), fast enough for HeiSD's fused metric.</summary>
    private static double[] Arm(int i)
    {
        var q = ControllerHarness.Panda.ReadyPose.ToArray();
        q[1] += 0.02 * i;
        q[3] += 0.03 * i;
        return q;
    }

    private static RgbImage[] Images(int i)
    {
        var (front, wrist) = FakeSim.Frames(i);
        return [new RgbImage(FakeSim.FrontWidth, FakeSim.FrontHeight, front), new RgbImage(16, 16, wrist)];
    }

    /// <summary>Each observation's own greedy action keyed by its visual embedding: retrieval finds exact drafts.</summary>
    private static ActionDatastore GreedyDatastore(VlaPolicy policy)
    {
        var vision = policy.Model.Vision;
        var store = new ActionDatastore(VisualEmbedding.Dimension(vision.Cameras, vision.HiddenSize), 7);
        var key = new float[store.KeyDimension];
        for (var i = 0; i < Steps; i++)
        {
            var tokens = policy.Step(new Observation(Images(i), Instruction)).Tokens;
            VisualEmbedding.Pool(policy.EncodeImages(Images(i)), vision.Cameras, key);
            store.Collection(Instruction).Add(key, tokens, episode: 0, step: i);
        }
        return store;
    }

    /// <summary>The node on Cyclone loopback in <paramref name="mode"/>; the fake robot publishes one observation at a time
    /// and waits for its status (a long observation_timeout: first steps on a loaded machine are slow, and timing is not
    /// what this test checks). Returns the statuses of the commanded steps and the observations' stamps.</summary>
    private static (PolicyStatus[] Statuses, RosTime[] Stamps) RunNode(string mode, IReadOnlyDictionary<string, string> options, string store)
    {
        var domain = TestDomain.Next();
        using var sim = new FakeSim(domain);
        var stamps = new RosTime[Steps];
        string[] args =
        [
            "--ros-args", "-p", $"model_package:={TestPaths.FixtureModel}", "-p", "camera_topics:=[/front/image_raw, /wrist/image_raw]",
            "-p", $"instruction:={Instruction}", "-p", "image_qos:=default", "-p", "observation_timeout:=10", "-p", $"decoding_mode:={mode}", "-p", $"datastore_file:={store}",
            .. options.SelectMany(o => new[] { "-p", $"{mode}.{o.Key}:={o.Value}" }),
        ];
        using var context = RosContext.Create(args, new RosContextOptions { DomainId = domain, CycloneConfig = CycloneConfig.Loopback });
        using var node = PolicyNode.Create(context);
        node.Node.StartSpinning();
        Wait.Until(sim.Connected, "the policy node to subscribe");
        for (var i = 0; i < Steps; i++)
        {
            sim.ArmPositions = Arm(i);
            stamps[i] = RosClock.SystemNow;
            sim.PublishObservation(seed: i, stamps[i], Arm(i));
            var count = i + 1;
            Wait.Until(() => sim.Statuses.Count(s => s.Commanded) >= count || sim.Statuses.Any(IsStepFault), $"status {count}");
        }
        Assert.That(sim.Statuses.Where(IsStepFault).Select(s => s.Fault), Is.Empty, "only the start-up watchdog may fault");
        return ([.. sim.Statuses.Where(s => s.Commanded)], stamps);
    }

    /// <summary>A fault other than the watchdog's (which fires while the test waits for discovery).</summary>
    private static bool IsStepFault(PolicyStatus s) => !s.Commanded && !s.Fault.StartsWith("no synchronised", StringComparison.Ordinal);

    /// <summary>The decoding figures of one step, as the strategy reported them.</summary>
    private sealed record Expected(string Branch, long TargetPasses, long DrafterPasses, int DraftTokensProposed, int DraftTokensAccepted,
        int SkippedVerifications, int KalmanFills, double AcceptedLength);

    /// <summary>The same frames and the same stamped tool poses (forward kinematics of the published joints) through
    /// <paramref name="policy"/>.</summary>
    private static Expected[] ReferenceSteps(VlaPolicy policy, RosTime[] stamps)
    {
        var motion = new KinematicState(new Kinematics.Features.PoseHistory(64));
        var output = policy.CreateOutput();
        policy.BeginEpisode();
        var steps = new Expected[Steps];
        for (var i = 0; i < Steps; i++)
        {
            motion.EndEffector.Add(stamps[i].TotalSeconds, ControllerHarness.Panda.Arm.ForwardKinematics(Arm(i)));
            policy.Step(new Observation(Images(i), Instruction) { Kinematics = motion }, output);
            var s = output.Statistics;
            steps[i] = new Expected(s.Branch, s.TargetPasses, s.DrafterPasses, s.DraftTokensProposed, s.DraftTokensAccepted,
                s.SkippedVerifications, s.KalmanFills, s.AcceptedLength(output.Tokens.Length));
        }
        return steps;
    }

    private static void AssertStageTimesConsistent(PolicyStatus status, string step)
    {
        const double rounding = 1e-9;
        Assert.That(status.TargetMs + status.DraftMs + status.RetrievalMs, Is.LessThanOrEqualTo(status.DecodeMs + rounding), $"{step}: parts of decode_ms");
        Assert.That(status.TotalMs, Is.GreaterThanOrEqualTo(status.ImageDecodeMs + status.PreprocessMs + status.VisionMs + status.PromptMs + status.DecodeMs + status.ActionMs - rounding), step);
        Assert.That(status.TargetMs > 0, Is.EqualTo(status.TargetPasses > 0), $"{step}: target time iff target passes");
        Assert.That(status.DraftMs > 0, Is.EqualTo(status.DrafterPasses > 0), $"{step}: drafter time iff drafter passes");
        Assert.That(status.RetrievalMs > 0, Is.EqualTo(status.Branch.StartsWith("retrieval", StringComparison.Ordinal)), $"{step}: search time iff a retrieval branch");
    }
}
