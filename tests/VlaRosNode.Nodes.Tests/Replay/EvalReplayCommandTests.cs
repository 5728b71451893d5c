using System.Text.Json;
using VlaRosNode.Cli.Commands.Decoding;
using VlaRosNode.Cli.Commands.Eval;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Nodes.Tests.Replay;

/// <summary><c>vla eval replay</c> and <c>vla datastore build --bag</c> as a user runs them.</summary>
public class EvalReplayCommandTests
{
    private static readonly string[] PythonTopics =
        ["--camera-topics", string.Join(",", RobotBags.PythonCameras), "--instruction-topic", RobotBags.PythonInstructionTopic,
         "--command-topic", RobotBags.PythonCommandTopic];

    private static (int Code, string Output, string Error) Run(ICliCommandFactory factory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = factory.Create(output, error).Run(args);
        return (code, output.ToString(), error.ToString());
    }

    private interface ICliCommandFactory
    {
        Cli.ICliCommand Create(TextWriter output, TextWriter error);
    }

    private sealed class Replay : ICliCommandFactory
    {
        public Cli.ICliCommand Create(TextWriter output, TextWriter error) => new EvalReplayCommand(output, error);
    }

    private sealed class Datastore : ICliCommandFactory
    {
        public Cli.ICliCommand Create(TextWriter output, TextWriter error) => new DatastoreBuildCommand(output, error);
    }

    [Test]
    public void Replay_and_datastore_from_the_same_bag_end_to_end()
    {
        var (bag, _, _) = RobotBags.Python(8);
        var work = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"replay-cli-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var store = Path.Combine(work, "store.bin");
        var built = Run(new Datastore(), ["--model", TestPaths.FixtureModel, "--out", store, "--bag", bag, .. PythonTopics]);
        Assert.That(built.Code, Is.Zero, built.Error);
        Assert.That(built.Output, Does.Contain("8 steps of 1 bag(s)"));
        Assert.That(DatastoreFile.Load(store).Count, Is.EqualTo(8));

        var prefix = Path.Combine(work, "report");
        var replay = Run(new Replay(), [bag, "--model", TestPaths.FixtureModel, "--modes", "ar,retrieval,kerv", "--datastore", store, "--report", prefix, .. PythonTopics]);
        Assert.That(replay.Code, Is.Zero, replay.Error);
        Assert.That(replay.Output, Does.Contain("retrieval").And.Contain("by motion phase").And.Contain("8 steps in 1 episode(s), 8 with a recorded command"));
        using var json = JsonDocument.Parse(File.ReadAllText(prefix + ".json"));
        Assert.That(json.RootElement.GetProperty("modes").EnumerateArray().Select(m => m.GetProperty("label").GetString()),
            Is.EqualTo(new[] { "ar", "retrieval", "kerv" }));
        Assert.That(File.ReadAllText(prefix + ".html"), Does.StartWith("<!DOCTYPE html>"));
    }

    /// <summary>A robot with one compressed camera and a model that sees one: the bag from the independent writer
    /// (JPEG on /front/image_raw/compressed, no wrist camera) replays end to end.</summary>
    [Test]
    public void One_camera_model_replays_a_one_camera_jpeg_bag()
    {
        var (bag, _, _) = RobotBags.Python(5, front: "jpeg", wrist: "none");
        var prefix = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"replay-front-{Guid.NewGuid():N}");
        var replay = Run(new Replay(), [bag, "--model", TestPaths.FrontCameraModel, "--modes", "ar,spec", "--report", prefix,
            "--camera-topics", "/front/image_raw", .. PythonTopics[2..]]);
        Assert.That(replay.Code, Is.Zero, replay.Error);
        Assert.That(replay.Output, Does.Contain("cameras /front/image_raw/compressed,").And.Contain("5 steps in 1 episode(s), 5 with a recorded command"));
        using var json = JsonDocument.Parse(File.ReadAllText(prefix + ".json"));
        Assert.That(json.RootElement.GetProperty("modes").EnumerateArray().Select(m => m.GetProperty("label").GetString()), Is.EqualTo(new[] { "ar", "spec" }));
    }

    [Test]
    public void Camera_topics_that_do_not_fit_the_model_exit_1_naming_its_cameras()
    {
        var (bag, _, _) = RobotBags.Python(2, front: "bgr8", wrist: "none");
        var defaults = Run(new Replay(), [bag, "--model", TestPaths.FixtureModel, "--modes", "ar", .. PythonTopics[2..]]);
        Assert.That(defaults.Code, Is.EqualTo(1), defaults.Error);
        Assert.That(defaults.Error, Does.Contain("the model sees 2 camera(s) [front, wrist] but --camera-topics defaults to 1 [/camera/image_raw]"));
        var named = Run(new Replay(), [bag, "--model", TestPaths.FrontCameraModel, "--modes", "ar", .. PythonTopics]);
        Assert.That(named.Code, Is.EqualTo(1), named.Error);
        Assert.That(named.Error, Does.Contain("the model sees 1 camera(s) [front] but --camera-topics names 2 [/front/image_raw, /wrist/image_raw]"));

        var lacking = Run(new Replay(), [bag, "--model", TestPaths.FixtureModel, "--modes", "ar", .. PythonTopics]);
        Assert.That(lacking.Code, Is.EqualTo(1), lacking.Error);
        Assert.That(lacking.Error, Does.Contain("no camera topic '/wrist/image_raw' (nor '/wrist/image_raw/compressed') for the model's camera 'wrist'"));
        Assert.That(lacking.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void Usage_errors_exit_2_and_bag_errors_exit_1_with_one_message()
    {
        var (bag, _, _) = RobotBags.Python(2);
        var noBag = Run(new Replay(), ["--model", TestPaths.FixtureModel]);
        Assert.That(noBag.Code, Is.EqualTo(2));
        Assert.That(noBag.Error, Does.Contain("expected BAG"));
        var unknown = Run(new Replay(), [bag, "--model", TestPaths.FixtureModel, "--modes", "ar,fast"]);
        Assert.That(unknown.Code, Is.EqualTo(2));
        Assert.That(unknown.Error, Does.Contain("unknown decoding mode 'fast'"));
        var noStore = Run(new Replay(), [bag, "--model", TestPaths.FixtureModel, "--modes", "heisd"]);
        Assert.That(noStore.Code, Is.EqualTo(2));
        Assert.That(noStore.Error, Does.Contain("--datastore"));

        var missing = Run(new Replay(), [bag, "--model", TestPaths.FrontCameraModel, "--modes", "ar"]);
        Assert.That(missing.Code, Is.EqualTo(1));
        Assert.That(missing.Error, Does.Contain("no camera topic '/camera/image_raw'"), missing.Error);
        Assert.That(missing.Error.Trim().Split('\n'), Has.Length.EqualTo(1));

        var badSource = Run(new Datastore(), ["--model", TestPaths.FixtureModel, "--out", "x.bin", "--bag", bag, "--source", "expert", .. PythonTopics]);
        Assert.That(badSource.Code, Is.EqualTo(2));
        Assert.That(badSource.Error, Does.Contain("--source 'expert' does not apply to bags"));
    }
}
