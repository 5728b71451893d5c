using System.Globalization;
using VlaRosNode.Cli.Commands.Sim;

namespace VlaRosNode.Cli.Tests;

/// <summary><c>vla sim frames --model</c>: the tiny fixture policy drives one episode; frames and steps.csv record it.</summary>
public class SimFramesCommandTests
{
    private string _output = "";

    [SetUp]
    public void Folder() => _output = Path.Combine(Path.GetTempPath(), "vla-cli-frames-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void Remove()
    {
        if (Directory.Exists(_output))
            Directory.Delete(_output, recursive: true);
    }

    [Test]
    public void A_policy_episode_writes_one_csv_row_per_step_with_the_policy_and_expert_actions()
    {
        var model = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "tiny-vla");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = new SimFramesCommand(stdout, stderr).Run(
            ["--task", "red_cube_in_bowl", "--seed", "2", "--every", "100", "--size", "32", "--model", model, "-o", _output]);
        Assert.That(code, Is.EqualTo(0), stderr.ToString());

        var rows = File.ReadAllLines(Path.Combine(_output, "steps.csv"));
        Assert.That(rows[0].Split(','), Has.Length.EqualTo(1 + 3 + 7 + 7).And.Contains("policy6").And.Contains("expert6"));
        var steps = rows.Skip(1).Select(r => r.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.That(steps.Select(s => (int)s[0]), Is.EqualTo(Enumerable.Range(0, steps.Length)), "one row per step, in order");
        Assert.That(stdout.ToString(), Does.Contain($"after {steps.Length} steps"));
        Assert.That(steps.SelectMany(s => s.Skip(4)), Has.All.InRange(-1.0, 1.0), "policy and expert actions are normalised");
        Assert.That(steps.Select(s => s[17]), Has.All.EqualTo(1.0).Or.EqualTo(-1.0), "the expert's gripper label is +-1");
        Assert.That(Directory.GetFiles(_output, "agent_*.png"), Has.Length.EqualTo((steps.Length + 99) / 100));
    }
}
