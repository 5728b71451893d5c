using Microsoft.Extensions.Logging.Abstractions;
using VlaRosNode.Kinematics.Robots;
using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Policy;
using VlaRosNode.Policy.Images;
using VlaRosNode.Ros2;

namespace VlaRosNode.Nodes.Tests.Support;

/// <summary>A <see cref="PolicyController"/> on the fixture model and the Panda, with a clock the test moves.</summary>
internal sealed class ControllerHarness : IDisposable
{
    public static readonly ShippedRobot Panda = ShippedRobot.Panda();
    public static readonly string[] ArmJoints = [.. Panda.Arm.Variables.Names];

    public ControllerHarness(ControlOptions? options = null, Func<RosTime>? clock = null)
    {
        Policy = VlaPolicy.Open(TestPaths.FixtureModel);
        Controller = new PolicyController(Policy, Panda.Arm, new ActionMapperOptions(),
            options ?? new ControlOptions { GripperJoints = ["panda_finger_joint1"] }, clock ?? (() => Now), NullLogger.Instance)
        {
            Instruction = "put the red cube in the bowl",
        };
    }

    public VlaPolicy Policy { get; }
    public PolicyController Controller { get; }
    public RosTime Now { get; set; } = RosTime.FromParts(100, 0);

    public static RgbImage[] Images(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, 2).Select(_ =>
        {
            var pixels = new byte[16 * 16 * 3];
            random.NextBytes(pixels);
            return new RgbImage(16, 16, pixels);
        })];
    }

    public void FeedImages(RosTime stamp, int seed = 1)
    {
        var images = Images(seed);
        for (var c = 0; c < images.Length; c++)
            Controller.Observations.SetImage(c, images[c], stamp, 0);
    }

    public void FeedJoints(RosTime stamp, double[]? q = null, string[]? names = null) =>
        Controller.Observations.SetJoints(names ?? [.. ArmJoints, "panda_finger_joint1", "panda_finger_joint2"],
            [.. q ?? Panda.ReadyPose.ToArray(), 0.04, 0.04], stamp);

    public void Feed(RosTime stamp, int seed = 1)
    {
        FeedImages(stamp, seed);
        FeedJoints(stamp);
    }

    public void Dispose() => Policy.Dispose();
}
