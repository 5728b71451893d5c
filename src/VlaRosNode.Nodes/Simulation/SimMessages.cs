using VlaRosNode.Messages.BuiltinInterfaces;
using VlaRosNode.Messages.DiagnosticMsgs;
using VlaRosNode.Messages.RosgraphMsgs;
using VlaRosNode.Messages.SensorMsgs;
using VlaRosNode.Messages.StdMsgs;
using RosString = VlaRosNode.Messages.StdMsgs.String;
using VlaRosNode.Messages.TrajectoryMsgs;
using VlaRosNode.Sim;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Render;
using SimCamera = VlaRosNode.Sim.Render.Camera;

namespace VlaRosNode.Nodes.Simulation;

/// <summary>The simulator's state as standard ROS 2 messages, stamped with simulated time (ns): what the simulator
/// node publishes and what demonstration bags record.</summary>
public static class SimMessages
{
    public static Time Stamp(long nanoseconds) => new() { Sec = (int)(nanoseconds / 1_000_000_000), Nanosec = (uint)(nanoseconds % 1_000_000_000) };

    public static Duration Seconds(double seconds)
    {
        var nanoseconds = (long)Math.Round(seconds * 1e9);
        return new Duration { Sec = (int)(nanoseconds / 1_000_000_000), Nanosec = (uint)(nanoseconds % 1_000_000_000) };
    }

    /// <summary>Arm joints then the two finger joints (each half the opening), positions and velocities.</summary>
    public static JointState JointState(TabletopEnv env, long stamp, double fingerVelocity = 0)
    {
        var arm = env.Arm;
        var names = arm.Joints.Names.Concat(SimTopics.FingerJoints).ToArray();
        var finger = env.Scene.Gripper.Width / 2.0;
        return new JointState
        {
            Header = new Header { Stamp = Stamp(stamp), FrameId = SimTopics.BaseFrame },
            Name = names,
            Position = [.. arm.Positions, finger, finger],
            Velocity = [.. arm.Velocities, fingerVelocity, fingerVelocity],
            Effort = [],
        };
    }

    public static Image Image(RgbImage image, string frame, long stamp) => new()
    {
        Header = new Header { Stamp = Stamp(stamp), FrameId = frame },
        Height = (uint)image.Height,
        Width = (uint)image.Width,
        Encoding = "rgb8",
        IsBigendian = 0,
        Step = (uint)image.Stride,
        Data = image.Pixels.ToArray(),
    };

    /// <summary>Pinhole intrinsics of <paramref name="camera"/>, no distortion (plumb_bob with zeros).</summary>
    public static CameraInfo CameraInfo(SimCamera camera, string frame, long stamp)
    {
        double f = camera.FocalPixels, cx = camera.Width / 2.0, cy = camera.Height / 2.0;
        return new CameraInfo
        {
            Header = new Header { Stamp = Stamp(stamp), FrameId = frame },
            Height = (uint)camera.Height,
            Width = (uint)camera.Width,
            DistortionModel = "plumb_bob",
            D = [0, 0, 0, 0, 0],
            K = [f, 0, cx, 0, f, cy, 0, 0, 1],
            R = [1, 0, 0, 0, 1, 0, 0, 0, 1],
            P = [f, 0, cx, 0, 0, f, cy, 0, 0, 0, 1, 0],
            BinningX = 0,
            BinningY = 0,
            Roi = new RegionOfInterest(),
        };
    }

    public static Clock Clock(long stamp) => new() { Clock_ = Stamp(stamp) };

    public static RosString Instruction(TabletopEnv env) => new() { Data = env.Task.Instruction };

    /// <summary>One point reaching the arm's current joints (and finger opening) <paramref name="horizon"/> s after
    /// <paramref name="stamp"/>: a demonstration step as the command a position-controlled arm would receive.</summary>
    public static JointTrajectory Command(TabletopEnv env, long stamp, double horizon)
    {
        var finger = env.Scene.Gripper.Closing ? 0.0 : VlaRosNode.Sim.Scene.Gripper.MaxWidth / 2.0;
        return new JointTrajectory
        {
            Header = new Header { Stamp = Stamp(stamp), FrameId = SimTopics.BaseFrame },
            JointNames = [.. env.Arm.Joints.Names, SimTopics.FingerJoints[0]],
            Points =
            [
                new JointTrajectoryPoint
                {
                    Positions = [.. env.Arm.Positions, finger],
                    Velocities = [],
                    Accelerations = [],
                    Effort = [],
                    TimeFromStart = Seconds(horizon),
                },
            ],
        };
    }

    /// <summary>An episode's outcome for benchmarks: level OK on success, WARN on failure; key-value details.</summary>
    public static DiagnosticStatus EpisodeResult(TabletopEnv env, int episode, double seconds) => new()
    {
        Level = env.Succeeded ? DiagnosticStatus.OK : DiagnosticStatus.WARN,
        Name = "vla_sim/episode",
        Message = env.Task.Instruction,
        HardwareId = "vla_sim",
        Values =
        [
            Value("episode", episode),
            Value("task", env.Task.Name),
            Value("task_id", env.Task.Id),
            Value("suite", env.Task.Suite.ToString().ToLowerInvariant()),
            Value("seed", env.Seed),
            Value("success", env.Succeeded ? "true" : "false"),
            Value("steps", env.StepCount),
            Value("sim_time", seconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)),
        ],
    };

    private static KeyValue Value(string key, object value) =>
        new() { Key = key, Value = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
}
