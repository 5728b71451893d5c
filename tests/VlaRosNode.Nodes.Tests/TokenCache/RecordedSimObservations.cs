using VlaRosNode.Kinematics.Features;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Policy;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;
using PolicyImage = VlaRosNode.Policy.Images.RgbImage;

namespace VlaRosNode.Nodes.Tests.TokenCache;

/// <summary>Consecutive simulator observations recorded while the scripted expert works a task (objects still until
/// the gripper reaches them, the arm and its wrist camera moving): images copied out of the simulator's buffers and
/// each step's end-effector history as it stood then, so several policies can replay the same frames.</summary>
internal static class RecordedSimObservations
{
    public static Observation[] Record(IReadOnlyList<string> cameras, TaskDefinition task, int seed, int steps, SimOptions? options = null)
    {
        var env = new TabletopEnv(options);
        var source = new SimObservations(env, cameras);
        var recorded = new List<Observation>();
        ExpertRollout.Run(env, new ScriptedExpert(), task, seed, (_, _, _) =>
        {
            if (recorded.Count < steps)
                recorded.Add(Snapshot(source.Observe()));
        });
        return [.. recorded];
    }

    private static Observation Snapshot(Observation live)
    {
        var liveHistory = live.Kinematics!.EndEffector;
        var history = new PoseHistory(liveHistory.Capacity);
        var window = liveHistory.Latest(liveHistory.Count);
        for (var i = 0; i < window.Length; i++)
            history.Add(window.Time(i), window.Pose(i));
        var images = live.Images.Select(i => new PolicyImage(i.Width, i.Height, (byte[])i.Pixels.Clone())).ToArray();
        return new Observation(images, live.Instruction) { Kinematics = new KinematicState(history) };
    }
}
