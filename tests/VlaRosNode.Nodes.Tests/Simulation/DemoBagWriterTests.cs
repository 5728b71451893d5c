using System.Security.Cryptography;
using VlaRosNode.Bag;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Nodes.Simulation;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Dataset;
using VlaRosNode.Sim.Tasks;
using VlaRosNode.Sim.Tests;

namespace VlaRosNode.Nodes.Tests.Simulation;

public class DemoBagWriterTests
{
    private static (DemoOptions Options, DemoSummary Summary, IReadOnlyList<string> Bags) WriteDemos(string storage)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"bag-demos-{storage}-{Guid.NewGuid():N}");
        var options = new DemoOptions(TaskSuite.Spatial, 2, 9, directory) { Sim = new SimOptions { ImageWidth = 32, ImageHeight = 24 } };
        var summary = DemoDatasetWriter.Write(options);
        var bags = DemoBagWriter.Write(options, summary, new BagWriterOptions(storage, SyncToDisk: false, MessagesPerTransaction: 500));
        return (options, summary, bags);
    }

    [TestCase("mcap")]
    [TestCase("sqlite3")]
    public void EachEpisodeBecomesABagWithTheRobotsTopics(string storage)
    {
        var (_, summary, bags) = WriteDemos(storage);
        Assert.That(bags, Has.Count.EqualTo(2));
        for (var i = 0; i < bags.Count; i++)
        {
            var steps = summary.Episodes[i].Steps;
            using var bag = BagReader.Open(bags[i]);
            var counts = bag.ReadMessages().GroupBy(m => m.Topic.Name).ToDictionary(g => g.Key, g => g.Count());
            Assert.That(counts[SimTopics.JointStates], Is.EqualTo(steps + 1), "one per observation, the final state included");
            Assert.That(counts[SimTopics.AgentImage], Is.EqualTo(steps + 1));
            Assert.That(counts[SimTopics.WristCameraInfo], Is.EqualTo(steps + 1));
            Assert.That(counts[SimTopics.ArmTrajectory], Is.EqualTo(steps));
            Assert.That(counts[SimTopics.Instruction], Is.EqualTo(1));
            var result = bag.ReadMessages(new MessageFilter([SimTopics.EpisodeResult])).Single().Deserialize<DiagnosticStatus>();
            Assert.That(result.Level, Is.EqualTo(DiagnosticStatus.OK));
            Assert.That(result.Values.Single(v => v.Key == "steps").Value, Is.EqualTo(steps.ToString()));

            var command = bag.ReadMessages(new MessageFilter([SimTopics.ArmTrajectory])).First().Deserialize<JointTrajectory>();
            Assert.That(command.JointNames, Has.Length.EqualTo(8));
            Assert.That(command.Points.Single().TimeFromStart.Nanosec, Is.EqualTo(50_000_000u));
        }
    }

    [Test]
    public void BagsHoldTheSameEpisodesAsTheNpzFiles()
    {
        var (options, _, bags) = WriteDemos("mcap");
        const int step = 7;
        // numpy reads the .npz; our bag reader reads the bag: the same joints and the same image bytes at one step.
        var numpy = PythonReference.Run("""
            import sys, hashlib, numpy as np
            z = np.load(sys.argv[1])
            print(' '.join(repr(float(v)) for v in z['joint_positions'][int(sys.argv[2])]))
            print(hashlib.sha256(z['agent_rgb'][int(sys.argv[2])].tobytes()).hexdigest())
            print(hashlib.sha256(z['wrist_rgb'][int(sys.argv[2])].tobytes()).hexdigest())
            """, Path.Combine(options.OutputDirectory, "episode_000001.npz"), step.ToString()).Split('\n');

        using var bag = BagReader.Open(bags[1]);
        var joints = bag.ReadMessages(new MessageFilter([SimTopics.JointStates])).ElementAt(step).Deserialize<JointState>();
        var agent = bag.ReadMessages(new MessageFilter([SimTopics.AgentImage])).ElementAt(step).Deserialize<Image>();
        var wrist = bag.ReadMessages(new MessageFilter([SimTopics.WristImage])).ElementAt(step).Deserialize<Image>();
        var expected = numpy[0].Split(' ').Select(double.Parse).ToArray();
        Assert.That(joints.Position.Take(7).Select(p => (double)(float)p), Is.EqualTo(expected));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(agent.Data)), Is.EqualTo(numpy[1]));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(wrist.Data)), Is.EqualTo(numpy[2]));
        Assert.That(agent.Encoding, Is.EqualTo("rgb8"));
        Assert.That((agent.Width, agent.Height, agent.Step), Is.EqualTo((32u, 24u, 96u)));
    }
}
