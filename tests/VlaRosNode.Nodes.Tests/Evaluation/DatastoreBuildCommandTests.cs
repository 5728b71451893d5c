using VlaRosNode.Cli.Commands.Decoding;
using VlaRosNode.Nodes.Evaluation;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Policy.Retrieval;

namespace VlaRosNode.Nodes.Tests.Evaluation;

/// <summary><c>vla datastore build</c> in the simulator as a user runs it, with the tiny fixture package.</summary>
public class DatastoreBuildCommandTests
{
    [Test]
    public void Expert_and_policy_sources_build_one_datastore_and_print_heisd_ranges_that_run_as_a_mode()
    {
        var store = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"datastore-{Guid.NewGuid():N}.vds");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = new DatastoreBuildCommand(output, error).Run(["--model", TestPaths.FixtureModel, "--out", store, "--suite", "object",
            "--episodes-per-task", "1", "--source", "expert", "--source", "policy", "--max-steps", "5"]);
        Assert.That(code, Is.Zero, error.ToString());
        var text = output.ToString();
        // The fixture never completes a task in 5 steps: its runs are left out, the expert's kept.
        Assert.That(text, Does.Contain("Expert and Policy trajectories: 4 tasks x 1 seeds from 100000"));
        Assert.That(text, Does.Contain("(failed, left out)"));
        Assert.That(text, Does.Contain("4/8 successful episodes"));
        Assert.That(text, Does.Contain("HeiSD's fused metric on the kept trajectories (window 15"));
        Assert.That(text, Does.Contain("with the released code's ranges"));
        var loaded = DatastoreFile.Load(store);
        Assert.That(loaded.Collections, Has.Count.EqualTo(4));

        // The printed ranges are a heisd parameter string as `vla bench decode --mode` takes it.
        var printed = text.Split('\n').Single(l => l.TrimStart().StartsWith("calibrated: ", StringComparison.Ordinal))
            .Trim()["calibrated: ".Length..].Split(' ')[0];
        Assert.That(printed, Does.StartWith("heisd:window=15,radius-min="));
        var mode = new PolicyMode(BenchMode.Parse("heisd-cal=" + printed), loaded);
        Assert.That(mode.Strategy.Name, Is.EqualTo("heisd"));
    }
}
