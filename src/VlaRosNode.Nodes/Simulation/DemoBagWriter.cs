using VlaRosNode.Bag;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.RosgraphMsgs;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Arm;
using VlaRosNode.Sim.Dataset;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Render;
using VlaRosNode.Sim.Tasks;
using RosString = VlaRosNode.Messages.StdMsgs.String;

namespace VlaRosNode.Nodes.Simulation;

/// <summary>
/// Writes demonstrations as rosbag2 bags, one per episode (<c>DIR/rosbag2/episode_NNNNNN</c>), with the topics a
/// real robot would record: joint states, both cameras with CameraInfo, the clock, the instruction, the commanded
/// joint targets and the episode result. Episodes are replayed from their task and seed, which reproduces them
/// exactly, so the bags hold the same episodes as the .npz files.
/// </summary>
public static class DemoBagWriter
{
    public const string Folder = "rosbag2";

    private const long Period = DeltaAction.ControlPeriodNanoseconds;

    /// <returns>The bag folders written, in episode order.</returns>
    public static IReadOnlyList<string> Write(DemoOptions options, DemoSummary summary, BagWriterOptions? bagOptions = null)
    {
        bagOptions ??= new BagWriterOptions(Compression: BagCompression.Zstd, SyncToDisk: false);
        var env = new TabletopEnv(options.Sim);
        var expert = new ScriptedExpert(options.Expert);
        var folders = new List<string>();
        for (var i = 0; i < summary.Episodes.Count; i++)
        {
            var episode = summary.Episodes[i];
            var folder = Path.Combine(options.OutputDirectory, Folder, $"episode_{i:D6}");
            using (var bag = BagWriter.Create(folder, bagOptions))
                WriteEpisode(bag, env, expert, TaskCatalog.All[episode.TaskId], episode, i);
            folders.Add(folder);
        }
        return folders;
    }

    private static void WriteEpisode(BagWriter bag, TabletopEnv env, ScriptedExpert expert, TaskDefinition task, EpisodeResult expected, int index)
    {
        var sensor = QosProfile.SensorData;
        bag.CreateTopic(TopicMetadata.For<Clock>(SimTopics.Clock, QosProfile.Default));
        bag.CreateTopic(TopicMetadata.For<JointState>(SimTopics.JointStates, sensor));
        bag.CreateTopic(TopicMetadata.For<Image>(SimTopics.AgentImage, sensor));
        bag.CreateTopic(TopicMetadata.For<CameraInfo>(SimTopics.AgentCameraInfo, sensor));
        bag.CreateTopic(TopicMetadata.For<Image>(SimTopics.WristImage, sensor));
        bag.CreateTopic(TopicMetadata.For<CameraInfo>(SimTopics.WristCameraInfo, sensor));
        bag.CreateTopic(TopicMetadata.For<RosString>(SimTopics.Instruction, QosProfile.Default));
        bag.CreateTopic(TopicMetadata.For<JointTrajectory>(SimTopics.ArmTrajectory, QosProfile.Default));
        bag.CreateTopic(TopicMetadata.For<DiagnosticStatus>(SimTopics.EpisodeResult, QosProfile.Default));

        // The observer runs before each step: it records the observation at t and the command that produced it (step t - 1).
        var result = ExpertRollout.Run(env, expert, task, expected.Seed, (e, _, _) =>
        {
            var now = e.StepCount * Period;
            if (e.StepCount == 0)
                bag.Write(SimTopics.Instruction, now, SimMessages.Instruction(e));
            else
                bag.Write(SimTopics.ArmTrajectory, now - Period, SimMessages.Command(e, now - Period, DeltaAction.ControlPeriod));
            WriteObservation(bag, e, now);
        });
        if (result != expected)
            throw new InvalidOperationException($"replaying episode {index} ({task.Name}, seed {expected.Seed}) gave {result}, not {expected}");
        var end = env.StepCount * Period;
        bag.Write(SimTopics.ArmTrajectory, end - Period, SimMessages.Command(env, end - Period, DeltaAction.ControlPeriod));
        WriteObservation(bag, env, end);
        bag.Write(SimTopics.EpisodeResult, end, SimMessages.EpisodeResult(env, index, env.Time));
    }

    private static void WriteObservation(BagWriter bag, TabletopEnv env, long now)
    {
        env.Render();
        var (w, h) = (env.Options.ImageWidth, env.Options.ImageHeight);
        bag.Write(SimTopics.Clock, now, SimMessages.Clock(now));
        bag.Write(SimTopics.JointStates, now, SimMessages.JointState(env, now));
        bag.Write(SimTopics.AgentImage, now, SimMessages.Image(env.AgentImage, SimTopics.AgentOpticalFrame, now));
        bag.Write(SimTopics.AgentCameraInfo, now, SimMessages.CameraInfo(CameraRig.Agent(w, h), SimTopics.AgentOpticalFrame, now));
        bag.Write(SimTopics.WristImage, now, SimMessages.Image(env.WristImage, SimTopics.WristOpticalFrame, now));
        bag.Write(SimTopics.WristCameraInfo, now, SimMessages.CameraInfo(CameraRig.Wrist(env.Arm.Tcp, w, h), SimTopics.WristOpticalFrame, now));
    }
}
