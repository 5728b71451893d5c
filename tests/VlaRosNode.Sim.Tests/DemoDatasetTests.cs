using System.Security.Cryptography;
using System.Text.Json;
using VlaRosNode.Sim.Dataset;
using VlaRosNode.Sim.Expert;
using VlaRosNode.Sim.Tasks;

namespace VlaRosNode.Sim.Tests;

public class DemoDatasetTests
{
    private static string NewDirectory(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "demos-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        return path;
    }

    private static DemoOptions Small(string directory) =>
        new(TaskSuite.Long, Episodes: 3, Seed: 42, directory) { Sim = new SimOptions { ImageWidth = 32, ImageHeight = 24 } };

    [Test]
    public void NumpyReadsTheEpisodesWithTheDocumentedArrays()
    {
        var directory = NewDirectory("numpy");
        var summary = DemoDatasetWriter.Write(Small(directory));
        Assert.That(summary.Episodes, Has.Count.EqualTo(3));

        // numpy (Debian's, an independent reader) loads each file; print what a trainer relies on.
        var output = PythonReference.Run("""
            import sys, json, numpy as np
            d = sys.argv[1]
            manifest = json.load(open(d + '/dataset.json'))
            for e in manifest['episodes']:
                z = np.load(d + '/' + e['file'])
                t = e['steps']
                assert z['agent_rgb'].shape == (t, 24, 32, 3) and z['agent_rgb'].dtype == np.uint8
                assert z['wrist_rgb'].shape == (t, 24, 32, 3) and z['wrist_rgb'].dtype == np.uint8
                assert z['actions'].shape == (t, 7) and z['actions'].dtype == np.float32
                assert z['executed_actions'].shape == (t, 7)
                assert z['joint_positions'].shape == (t, 7) and z['joint_velocities'].shape == (t, 7)
                assert z['gripper_width'].shape == (t,) and z['ee_pose'].shape == (t, 7)
                assert int(z['task_id']) == e['task_id'] and int(z['seed']) == e['seed'] and bool(z['success'])
                task = manifest['tasks'][[x['id'] for x in manifest['tasks']].index(e['task_id'])]
                assert str(z['instruction']) == task['instruction'], (str(z['instruction']), task['instruction'])
                assert np.all(np.abs(z['actions']) <= 1) and set(np.unique(z['actions'][:, 6])) <= {-1.0, 1.0}
                assert np.allclose(np.linalg.norm(z['ee_pose'][:, 3:], axis=1), 1, atol=1e-4)
                assert z['agent_rgb'].std() > 10, 'images carry content'
            stats = json.load(open(d + '/dataset_statistics.json'))['vla_sim_long']
            acts = np.concatenate([np.load(d + '/' + e['file'])['actions'] for e in manifest['episodes']])
            assert stats['num_transitions'] == len(acts) and stats['num_trajectories'] == 3
            assert np.allclose(stats['action']['q01'], np.quantile(acts, 0.01, axis=0), atol=1e-6)
            assert np.allclose(stats['action']['q99'], np.quantile(acts, 0.99, axis=0), atol=1e-6)
            assert np.allclose(stats['action']['mean'], acts.mean(axis=0, dtype=np.float64), atol=1e-6)
            assert np.allclose(stats['action']['std'], acts.std(axis=0, dtype=np.float64), atol=1e-6)
            assert stats['action']['mask'] == [True] * 6 + [False]
            print(len(manifest['episodes']), sum(e['steps'] for e in manifest['episodes']))
            """, directory);
        Assert.That(output, Is.EqualTo($"3 {summary.Steps}"));
    }

    [Test]
    public void TheSameOptionsWriteByteIdenticalFilesAndAnotherSeedDoesNot()
    {
        static Dictionary<string, string> Hashes(string directory) => Directory.GetFiles(directory)
            .ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        var a = NewDirectory("a");
        var b = NewDirectory("b");
        DemoDatasetWriter.Write(Small(a));
        DemoDatasetWriter.Write(Small(b));
        Assert.That(Hashes(b), Is.EqualTo(Hashes(a)));

        var c = NewDirectory("c");
        DemoDatasetWriter.Write(Small(c) with { Seed = 43 });
        Assert.That(Hashes(c)["episode_000000.npz"], Is.Not.EqualTo(Hashes(a)["episode_000000.npz"]));
    }

    [Test]
    public void EpisodesCycleThroughTheSuitesTasksAndRecordTheManifest()
    {
        var directory = NewDirectory("manifest");
        DemoDatasetWriter.Write(new DemoOptions(TaskSuite.Goal, 5, 1, directory) { Sim = new SimOptions { ImageWidth = 16, ImageHeight = 16 } });
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, DemoDatasetWriter.ManifestFile)));
        var root = manifest.RootElement;
        var goalIds = TaskCatalog.InSuite(TaskSuite.Goal).Select(t => t.Id).ToArray();
        var taskIds = root.GetProperty("episodes").EnumerateArray().Select(e => e.GetProperty("task_id").GetInt32()).ToArray();
        Assert.That(taskIds, Is.EqualTo(new[] { goalIds[0], goalIds[1], goalIds[2], goalIds[3], goalIds[0] }));
        Assert.That(root.GetProperty("action").GetProperty("position_scale").GetSingle(), Is.EqualTo(Arm.DeltaAction.PositionScale));
        Assert.That(root.GetProperty("joint_names").GetArrayLength(), Is.EqualTo(7));
        Assert.That(root.GetProperty("suite").GetString(), Is.EqualTo("goal"));
    }

    /// <summary>A stand-in for a policy: holds the arm still for five steps while the expert labels each state.</summary>
    private static EpisodeResult StandStill(TabletopEnv env, TaskDefinition task, int seed, ExpertRollout.StepObserver observe)
    {
        env.Reset(task, seed);
        var expert = new ScriptedExpert();
        expert.Reset(env, seed);
        var (label, unused, still) = (new float[7], new float[7], new float[7]);
        while (!env.Done && env.StepCount < 5)
        {
            expert.Act(env, label, unused);
            observe(env, label, still);
            env.Step(still);
        }
        return new EpisodeResult(task.Id, seed, env.StepCount, env.Succeeded, 0, 0);
    }

    [Test]
    public void ADriversFailedEpisodesAreKeptWithItsActionsBesideTheExpertsLabels()
    {
        var directory = NewDirectory("driver");
        var summary = DemoDatasetWriter.Write(Small(directory), driver: new EpisodeDriver("policy stand-still", StandStill));
        Assert.That(summary.Episodes.Select(e => (e.Steps, e.Success)), Is.EqualTo(Enumerable.Repeat((5, false), 3)));
        var output = PythonReference.Run("""
            import sys, json, numpy as np
            d = sys.argv[1]
            manifest = json.load(open(d + '/dataset.json'))
            assert manifest['driver'] == 'policy stand-still'
            for e in manifest['episodes']:
                z = np.load(d + '/' + e['file'])
                assert not e['success'] and not bool(z['success'])
                assert np.all(z['executed_actions'] == 0), 'what the runner executed'
                assert np.abs(z['actions'][:, :3]).max() > 0.1, 'the expert asks to move'
            print(len(manifest['episodes']))
            """, directory);
        Assert.That(output, Is.EqualTo("3"));
    }

    [Test]
    public void BadOptionsAreRejectedBeforeAnythingIsWritten()
    {
        var directory = NewDirectory("bad");
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDatasetWriter.Write(new DemoOptions(null, 0, 1, directory)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoDatasetWriter.Write(
            new DemoOptions(null, 1, 1, directory) { Expert = new ExpertOptions { PerturbationProbability = 2 } }));
        Assert.That(Directory.Exists(directory), Is.False);
    }

    [Test]
    public void NpyHeadersArePaddedAndMatchTheData()
    {
        using var stream = new MemoryStream();
        NpyFormat.Write(stream, NpyFormat.Float32, [2, 3], new byte[24]);
        var bytes = stream.ToArray();
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.That((10 + headerLength) % 64, Is.Zero);
        Assert.That(bytes.Length, Is.EqualTo(10 + headerLength + 24));
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength), Does.StartWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").And.EndWith("\n"));
        Assert.Throws<ArgumentException>(() => NpyFormat.Write(new MemoryStream(), NpyFormat.Float32, [2, 3], new byte[20]));
        Assert.Throws<ArgumentException>(() => NpyFormat.Write(new MemoryStream(), "<c16", [1], new byte[16]));
    }

    [Test]
    public void StatisticsQuantilesFollowNumpysLinearMethod()
    {
        double[] sorted = [1, 2, 3, 4];
        Assert.That(ActionStatistics.Quantile(sorted, 0.5), Is.EqualTo(2.5));
        Assert.That(ActionStatistics.Quantile(sorted, 0.01), Is.EqualTo(1.03).Within(1e-12));
        Assert.That(ActionStatistics.Quantile(sorted, 1), Is.EqualTo(4));
        Assert.Throws<ArgumentException>(() => ActionStatistics.Compute(new float[5], 2, [true, true]));
    }
}
