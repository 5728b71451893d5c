using VlaRosNode.Ros2;

namespace VlaRosNode.Cli.Tests;

/// <summary>The option parser every `vla` command uses: values, switches, lists, positionals, typed getters and
/// the exact error each mistake gives.</summary>
public class CommandOptionsTests
{
    private static CommandOptions Declared() => new CommandOptions("test cmd", "IN [OUT]", 1, 2)
        .Value("--rate", "HZ", "publishing rate", defaultValue: "1", aliases: "-r")
        .Value("--model", "DIR", "model package", required: true)
        .Value("--mode", "MODE", "decoding mode", repeatable: true)
        .Choice("--storage", ["mcap", "sqlite3"], "storage", defaultValue: "mcap")
        .Switch("--once", "one message", "-1")
        .Switch("--loop", "loop")
        .List("--topics", "TOPIC", "topics");

    private static ParsedOptions Parse(params string[] args) => Declared().Parse(args);

    private static string Error(params string[] args) => Assert.Throws<UsageException>(() => Parse(args))!.Message;

    [Test]
    public void SwitchesTakeNoValueSoTheNextWordIsPositional()
    {
        var flags = Parse("--loop", "in.mcap", "--model", "m", "-1", "out");
        Assert.Multiple(() =>
        {
            Assert.That(flags.Has("--loop"), Is.True);
            Assert.That(flags.Has("--once"), Is.True, "-1 is --once's alias");
            Assert.That(flags.Positional, Is.EqualTo(new[] { "in.mcap", "out" }));
            Assert.That(flags.Text("--model"), Is.EqualTo("m"));
        });
    }

    [Test]
    public void ValuesResolveAliasesAndFallBackToTheDeclaredDefault()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Parse("in", "--model", "m", "-r", "30").Number("--rate", above: 0), Is.EqualTo(30));
            var defaults = Parse("in", "--model", "m");
            Assert.That(defaults.Number("--rate", above: 0), Is.EqualTo(1));
            Assert.That(defaults.Has("--rate"), Is.False, "a default is not a given flag");
            Assert.That(defaults.Text("--storage"), Is.EqualTo("mcap"));
            Assert.That(defaults.Text("--mode"), Is.Null);
        });
    }

    [Test]
    public void RepeatableFlagsKeepEveryValueInOrder()
    {
        var flags = Parse("in", "--model", "m", "--mode", "ar", "--mode", "heisd:k=4");
        Assert.That(flags.All("--mode"), Is.EqualTo(new[] { "ar", "heisd:k=4" }));
        Assert.That(flags.Text("--mode"), Is.EqualTo("heisd:k=4"));
    }

    [Test]
    public void AListTakesWordsUpToTheNextOption()
    {
        var flags = Parse("in", "--topics", "/a", "/b", "--model", "m", "out");
        Assert.That(flags.All("--topics"), Is.EqualTo(new[] { "/a", "/b" }));
        Assert.That(flags.Positional, Is.EqualTo(new[] { "in", "out" }));
    }

    [Test]
    public void NegativeNumbersAreValuesNotOptions()
    {
        var flags = new CommandOptions("c").Value("--seed", "S", "seed").Parse(["--seed", "-5"]);
        Assert.That(flags.Integer("--seed", int.MinValue, int.MaxValue), Is.EqualTo(-5));
    }

    [Test]
    public void DoubleDashEndsOptions()
    {
        var flags = Parse("--model", "m", "--", "--loop", "-1");
        Assert.That(flags.Positional, Is.EqualTo(new[] { "--loop", "-1" }));
        Assert.That(flags.Has("--loop"), Is.False);
    }

    [TestCase(new[] { "in", "--model", "m", "--bogus" }, "unknown option '--bogus'")]
    [TestCase(new[] { "in", "--model", "m", "-x" }, "unknown option '-x'")]
    [TestCase(new[] { "in", "--model" }, "--model needs a value (DIR)")]
    [TestCase(new[] { "in", "--model", "--loop" }, "--model needs a value (DIR)")]
    [TestCase(new[] { "in", "--model", "m", "--storage", "zip" }, "--storage 'zip' is not one of mcap, sqlite3")]
    [TestCase(new[] { "in" }, "--model is required")]
    [TestCase(new[] { "in", "--model", "a", "--model", "b" }, "--model given more than once")]
    [TestCase(new[] { "in", "--model", "m", "--once", "-1" }, "-1, --once given more than once")]
    [TestCase(new[] { "--model", "m" }, "expected IN [OUT]")]
    [TestCase(new[] { "a", "b", "c", "--model", "m" }, "unexpected argument 'c'")]
    [TestCase(new[] { "in", "--model", "m", "--topics" }, "--topics needs at least one TOPIC")]
    [TestCase(new[] { "in", "--model", "m", "--topics", "--loop" }, "--topics needs at least one TOPIC")]
    [TestCase(new[] { "in", "--model", "m", "--ros-args", "-p", "a:=1" }, "unknown option '--ros-args'")]
    public void EachMistakeGivesOneErrorNamingTheFlag(string[] args, string message) =>
        Assert.That(Error(args), Is.EqualTo(message));

    [TestCase("abc", "--n 'abc' is not an integer in 1..10")]
    [TestCase("11", "--n '11' is not an integer in 1..10")]
    [TestCase("2.5", "--n '2.5' is not an integer in 1..10")]
    public void IntegersOutsideTheirRangeAreRefused(string value, string message)
    {
        var flags = new CommandOptions("c").Value("--n", "N", "n").Parse(["--n", value]);
        Assert.That(Assert.Throws<UsageException>(() => flags.Integer("--n", 1, 10))!.Message, Is.EqualTo(message));
    }

    [Test]
    public void IntegerBoundsAreStatedOnlyWhereThereAreSome()
    {
        var flags = new CommandOptions("c").Value("--n", "N", "n").Parse(["--n", "x"]);
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<UsageException>(() => flags.Integer("--n", 0, int.MaxValue))!.Message, Is.EqualTo("--n 'x' is not an integer >= 0"));
            Assert.That(Assert.Throws<UsageException>(() => flags.Integer("--n", int.MinValue, int.MaxValue))!.Message, Is.EqualTo("--n 'x' is not an integer"));
            Assert.That(Assert.Throws<UsageException>(() => flags.Integer("--n", 0u, 232u))!.Message, Is.EqualTo("--n 'x' is not an integer in 0..232"));
        });
    }

    [TestCase("0", "--rate '0' is not a number > 0")]
    [TestCase("fast", "--rate 'fast' is not a number > 0")]
    [TestCase("NaN", "--rate 'NaN' is not a number > 0")]
    [TestCase("-3", "--rate '-3' is not a number > 0")]
    public void NumbersMustBeFiniteAndInRange(string value, string message) =>
        Assert.That(Assert.Throws<UsageException>(() => Parse("in", "--model", "m", "--rate", value).Number("--rate", above: 0))!.Message,
            Is.EqualTo(message));

    [Test]
    public void NumbersWithALowerBoundIncludeIt()
    {
        var flags = new CommandOptions("c").Value("--s", "S", "s").Parse(["--s", "0"]);
        Assert.That(flags.Number("--s", atLeast: 0), Is.Zero);
        Assert.That(Assert.Throws<UsageException>(() => flags.Number("--s", atLeast: 1))!.Message, Is.EqualTo("--s '0' is not a number >= 1"));
    }

    [Test]
    public void ExistingPathNamesTheFlagAndThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N"));
        Assert.That(Parse("in", "--model", Path.GetTempPath()).ExistingPath("--model"), Is.EqualTo(Path.GetTempPath()));
        Assert.That(Assert.Throws<UsageException>(() => Parse("in", "--model", missing).ExistingPath("--model"))!.Message,
            Is.EqualTo($"--model '{missing}' does not exist"));
    }

    [Test]
    public void ADomainParsersErrorBecomesAUsageErrorNamingTheFlag()
    {
        var e = Assert.Throws<UsageException>(() => ParsedOptions.ParseWith("--qos", "fast", QosProfile.Parse))!;
        Assert.That(e.Message, Does.StartWith("--qos 'fast': unknown QoS profile 'fast'"));
    }

    [Test]
    public void RosArgumentBlocksPassThroughVerbatimToTheRosContext()
    {
        var options = new CommandOptions("node run").RosArguments();
        string[] ros = ["--ros-args", "-r", "__node:=arm", "-p", "rate_hz:=5", "--log-level", "WARN", "--"];
        var flags = options.Parse([.. ros, "--ros-args", "-p", "seed:=3"]);
        Assert.That(flags.RosArguments, Is.EqualTo((string[])[.. ros, "--ros-args", "-p", "seed:=3"]));
        // What the node commands hand on is read by the ROS layer's own parser as intended.
        var parsed = RosArguments.Parse(flags.RosArguments);
        Assert.Multiple(() =>
        {
            Assert.That(parsed.UserArguments, Is.Empty);
            Assert.That(parsed.ParameterOverrides.Select(p => p.Name), Is.EqualTo(new[] { "rate_hz", "seed" }));
            Assert.That(parsed.Remaps.Single().To, Is.EqualTo("arm"));
        });
    }

    [Test]
    public void WordsAfterAClosedRosArgsBlockAreTheCommandsOwn()
    {
        var options = new CommandOptions("node run").RosArguments();
        Assert.That(Assert.Throws<UsageException>(() => options.Parse(["--ros-args", "-p", "a:=1", "--", "stray"]))!.Message,
            Is.EqualTo("unexpected argument 'stray' (node arguments go after --ros-args)"));
        Assert.That(Assert.Throws<UsageException>(() => options.Parse(["--model", "x"]))!.Message,
            Is.EqualTo("unexpected argument '--model' (node arguments go after --ros-args)"));
    }

    [Test]
    public void HelpListsEveryOptionWithItsValueDefaultAndRules()
    {
        var help = Declared().Help();
        Assert.Multiple(() =>
        {
            Assert.That(help, Does.StartWith("usage: vla test cmd IN [OUT] [options]\n"));
            Assert.That(help, Does.Contain("-r, --rate HZ").And.Contain("publishing rate (default 1)"));
            Assert.That(help, Does.Contain("--model DIR").And.Contain("model package (required)"));
            Assert.That(help, Does.Contain("--mode MODE").And.Contain("(repeatable)"));
            Assert.That(help, Does.Contain("--storage mcap|sqlite3"));
            Assert.That(help, Does.Contain("-1, --once "));
            Assert.That(help, Does.Contain("--topics TOPIC..."));
        });
    }

    [Test]
    public void RunPrintsHelpOrTheUsageErrorAndGivesTheExitCode()
    {
        var ran = 0;
        int Run(string[] args, out string output, out string error)
        {
            using var o = new StringWriter();
            using var e = new StringWriter();
            var code = Declared().Run(args, o, e, flags => { ran++; return flags.Number("--rate", above: 0) > 10 ? 0 : 7; });
            (output, error) = (o.ToString(), e.ToString());
            return code;
        }
        Assert.Multiple(() =>
        {
            Assert.That(Run(["in", "--help"], out var help, out _), Is.Zero);
            Assert.That(help, Is.EqualTo(Declared().Help()));
            Assert.That(Run(["in", "--model", "m", "--rate", "0"], out var output, out var error), Is.EqualTo(2), "a typed getter's error is a usage error");
            Assert.That(output, Is.Empty);
            Assert.That(error, Is.EqualTo("vla test cmd: --rate '0' is not a number > 0\nusage: vla test cmd IN [OUT] [options] (vla test cmd --help for details)\n"));
            Assert.That(Run(["in", "--model", "m", "-r", "1"], out _, out _), Is.EqualTo(7));
            Assert.That(ran, Is.EqualTo(2), "the body does not run for --help");
        });
    }

    [Test]
    public void HelpInsideRosArgsIsNotTheCommandsHelp()
    {
        var options = new CommandOptions("node run").RosArguments();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = options.Run(["--ros-args", "-p", "a:=1", "--help"], output, error, flags => flags.RosArguments.Count);
        Assert.That(code, Is.EqualTo(4));
        Assert.That(output.ToString(), Is.Empty);
    }
}
