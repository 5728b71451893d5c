using System.Text.Json;
using VlaRosNode.Sim.Arm;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Render;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Sim.Dataset;

/// <summary>
/// Writes expert demonstrations as a training dataset: <c>episode_NNNNNN.npz</c> per episode, <c>dataset.json</c>
/// (tasks, conventions, cameras, the episode list) and <c>dataset_statistics.json</c> (OpenVLA's layout). The scripted
/// expert's failed episodes are replaced by the next seed; another <see cref="EpisodeDriver"/>'s are kept. Output is a
/// function of the options (and of the driver): the same options write byte-identical files.
/// </summary>
public static class DemoDatasetWriter
{
    public const string ManifestFile = "dataset.json", StatisticsFile = "dataset_statistics.json";
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // files, not HTML: keep "<" and ">" readable
    };

    /// <param name="onEpisode">Called after each kept episode (progress, bag output), with the environment in its final state.</param>
    /// <param name="driver">Who acts instead of the scripted expert (with <see cref="DemoOptions.Expert"/>'s noise); every
    /// one of its episodes is kept, failures included.</param>
    /// <exception cref="InvalidOperationException">The expert failed <see cref="DemoOptions.MaxAttemptsPerEpisode"/> times in a row.</exception>
    public static DemoSummary Write(DemoOptions options, Action<EpisodeResult>? onEpisode = null, EpisodeDriver? driver = null)
    {
        options.Validate();
        Directory.CreateDirectory(options.OutputDirectory);
        var tasks = (options.Suite is { } suite ? TaskCatalog.InSuite(suite) : TaskCatalog.All).ToArray();
        var env = new TabletopEnv(options.Sim);
        var expert = new ScriptedExpert(options.Expert);
        var run = driver?.Run ?? ((e, task, seed, observe) => ExpertRollout.Run(e, expert, task, seed, observe));
        var recorder = new EpisodeRecorder();
        var seeds = new Random(options.Seed);
        var episodes = new List<EpisodeEntry>();
        var kept = new List<EpisodeResult>();
        var allActions = new List<float>();
        var allJoints = new List<float>();
        var failures = 0;

        for (var index = 0; index < options.Episodes; index++)
        {
            var task = tasks[index % tasks.Length];
            for (var attempt = 1; ; attempt++)
            {
                recorder.Clear();
                var result = run(env, task, seeds.Next(), recorder.Record);
                if (result.Success || driver is not null)
                {
                    var file = $"episode_{index:D6}.npz";
                    recorder.Write(Path.Combine(options.OutputDirectory, file), env, result.Success);
                    allActions.AddRange(recorder.Actions);
                    allJoints.AddRange(recorder.JointPositions);
                    episodes.Add(new EpisodeEntry(file, task.Id, task.Name, result.Seed, result.Steps, result.Success, result.Regrasps, result.PerturbedSteps));
                    kept.Add(result);
                    onEpisode?.Invoke(result);
                    break;
                }
                failures++;
                if (attempt >= options.MaxAttemptsPerEpisode)
                    throw new InvalidOperationException($"the expert failed task '{task.Name}' {attempt} times in a row (last seed {result.Seed})");
            }
        }

        var manifest = Manifest(options, driver?.Name ?? "expert", tasks, env, episodes, failures);
        File.WriteAllText(Path.Combine(options.OutputDirectory, ManifestFile), JsonSerializer.Serialize(manifest, Json) + "\n");
        var statistics = Statistics(options, allActions, allJoints, env.Arm.Joints.Count, episodes.Count);
        File.WriteAllText(Path.Combine(options.OutputDirectory, StatisticsFile), JsonSerializer.Serialize(statistics, Json) + "\n");
        return new DemoSummary(kept, failures);
    }

    /// <summary>The key of this dataset in dataset_statistics.json (OpenVLA's unnorm_key).</summary>
    public static string StatisticsKey(DemoOptions options) => $"vla_sim_{options.SuiteName}";

    private static Dictionary<string, object> Statistics(DemoOptions options, List<float> actions, List<float> joints, int jointCount, int episodes)
    {
        bool[] actionMask = [true, true, true, true, true, true, false];
        var proprioMask = Enumerable.Repeat(true, jointCount).ToArray();
        return new Dictionary<string, object>
        {
            [StatisticsKey(options)] = new
            {
                Action = ActionStatistics.Compute(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(actions), DeltaAction.Dimensions, actionMask),
                Proprio = ActionStatistics.Compute(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(joints), jointCount, proprioMask),
                NumTransitions = actions.Count / DeltaAction.Dimensions,
                NumTrajectories = episodes,
            },
        };
    }

    private static object Manifest(DemoOptions options, string driver, TaskDefinition[] tasks, TabletopEnv env, List<EpisodeEntry> episodes, int failures)
    {
        var (w, h) = (options.Sim.ImageWidth, options.Sim.ImageHeight);
        var agent = CameraRig.Agent(w, h);
        var wrist = CameraRig.Wrist(Geometry.Pose.Identity, w, h);
        return new
        {
            Format = "vla_ros_node.sim.demos",
            Version = FormatVersion,
            Suite = options.SuiteName,
            options.Seed,
            Robot = "panda",
            JointNames = env.Arm.Joints.Names,
            Action = new
            {
                Names = new[] { "dx", "dy", "dz", "droll", "dpitch", "dyaw", "gripper" },
                DeltaAction.PositionScale,
                DeltaAction.RotationScale,
                DeltaAction.ControlPeriod,
                Frame = "world (= arm base) frame; rotation vector about the tool centre point",
                Gripper = "> 0 closes, <= 0 opens",
            },
            Cameras = new
            {
                Agent = new { Width = w, Height = h, Fx = agent.FocalPixels, Fy = agent.FocalPixels, Cx = w / 2.0, Cy = h / 2.0, Position = Array(agent.OpticalPose.Position), OrientationXyzw = Array(agent.OpticalPose.Rotation) },
                Wrist = new { Width = w, Height = h, Fx = wrist.FocalPixels, Fy = wrist.FocalPixels, Cx = w / 2.0, Cy = h / 2.0, InToolPosition = Array(CameraRig.WristInTool.Position), InToolOrientationXyzw = Array(CameraRig.WristInTool.Rotation) },
            },
            Driver = driver,
            Expert = new { options.Expert.ActionNoise, options.Expert.PerturbationProbability, options.Expert.PerturbationSteps, options.Expert.MaxActionChange },
            Tasks = tasks.Select(t => new { t.Id, Suite = t.Suite.ToString().ToLowerInvariant(), t.Name, t.Instruction }),
            FailedAttempts = failures,
            Episodes = episodes,
        };
    }

    private static float[] Array(System.Numerics.Vector3 v) => [v.X, v.Y, v.Z];

    private static float[] Array(System.Numerics.Quaternion q) => [q.X, q.Y, q.Z, q.W];

    private sealed record EpisodeEntry(string File, int TaskId, string TaskName, int Seed, int Steps, bool Success, int Regrasps, int PerturbedSteps);
}

/// <summary>Resets <paramref name="env"/> to <paramref name="task"/> and <paramref name="seed"/> and runs one episode,
/// calling <paramref name="observe"/> with the expert's clean label and the executed action before each step.</summary>
public delegate EpisodeResult EpisodeRunner(TabletopEnv env, TaskDefinition task, int seed, ExpertRollout.StepObserver observe);

/// <summary>Who executes a dataset's actions instead of the scripted expert (a policy, for DAgger), named in the
/// manifest's <c>driver</c>.</summary>
public sealed record EpisodeDriver(string Name, EpisodeRunner Run);

/// <summary>What a dataset run wrote: the kept episodes in file order (their task and seed replay them exactly).</summary>
public sealed record DemoSummary(IReadOnlyList<EpisodeResult> Episodes, int FailedAttempts)
{
    public int Steps => Episodes.Sum(e => e.Steps);
}
