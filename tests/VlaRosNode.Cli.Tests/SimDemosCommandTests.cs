using System.Text.Json;
using VlaRosNode.Cli.Commands.Sim;

namespace VlaRosNode.Cli.Tests;

/// <summary><c>vla sim demos --policy</c>: DAgger data, the tiny fixture policy driving and the expert labelling.</summary>
public class SimDemosCommandTests
{
    private static readonly string Model = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "tiny-vla");
    private string _output = "";

    [SetUp]
    public void Folder() => _output = Path.Combine(Path.GetTempPath(), "vla-cli-demos-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void Remove()
    {
        if (Directory.Exists(_output))
            Directory.Delete(_output, recursive: true);
    }

    [Test]
    public void A_policy_driven_dataset_keeps_its_episode_whatever_the_outcome_and_names_its_driver()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = new SimDemosCommand(stdout, stderr).Run(["--suite", "goal", "--episodes", "1", "--seed", "3", "--size", "32", "--policy", Model, "-o", _output]);
        Assert.That(code, Is.EqualTo(0), stderr.ToString());

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "dataset.json")));
        var root = manifest.RootElement;
        Assert.That(root.GetProperty("driver").GetString(), Is.EqualTo("policy " + Path.GetFullPath(Model)));
        var episode = root.GetProperty("episodes").EnumerateArray().Single();
        var success = episode.GetProperty("success").GetBoolean();
        Assert.That(stdout.ToString(), Does.Contain(success ? ", success," : ", failed,"));
        Assert.That(File.Exists(Path.Combine(_output, episode.GetProperty("file").GetString()!)), Is.True);
        Assert.That(episode.GetProperty("steps").GetInt32(), Is.Positive);
    }

    [TestCase("--bag", "mcap", "--bag replays the expert's episodes", TestName = "A policy cannot also write bags replayed from the seeds")]
    [TestCase("--noise", "0.2", "with --policy the expert only labels", TestName = "Expert noise is refused when the expert only labels")]
    public void Options_that_contradict_a_driving_policy_are_usage_errors(string flag, string value, string reason)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = new SimDemosCommand(stdout, stderr).Run(["--suite", "goal", "--episodes", "1", "--seed", "3", "--policy", Model, flag, value, "-o", _output]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.ToString(), Does.Contain(reason));
        Assert.That(Directory.Exists(_output), Is.False, "nothing written");
    }
}
