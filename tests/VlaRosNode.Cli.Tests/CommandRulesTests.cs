using VlaRosNode.Cli.Commands.Bag;
using VlaRosNode.Cli.Commands.Bench;
using VlaRosNode.Cli.Commands.Decoding;
using VlaRosNode.Cli.Commands.Demo;
using VlaRosNode.Cli.Commands.Eval;
using VlaRosNode.Cli.Commands.Interface;
using VlaRosNode.Cli.Commands.Model;
using VlaRosNode.Cli.Commands.Topic;

namespace VlaRosNode.Cli.Tests;

/// <summary>Command-specific rules that go beyond single flags, checked before any work starts.</summary>
public class CommandRulesTests
{
    private static (int Code, string Error) Run(Func<TextWriter, TextWriter, ICliCommand> create, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = create(output, error).Run(args);
        Assert.That(output.ToString(), Is.Empty);
        return (code, error.ToString());
    }

    [Test]
    public void BagConvertRefusesCompressionForSqlite()
    {
        var (code, error) = Run((o, e) => new BagConvertCommand(o, e), "in", "out", "--storage", "sqlite3", "--compression", "zstd");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("vla bag convert: --compression applies to MCAP chunks"));
    }

    [Test]
    public void BagRecordNeedsTopicsOrAllButNotBoth()
    {
        Assert.That(Run((o, e) => new BagRecordCommand(o, e), "-o", "x").Error, Does.StartWith("vla bag record: name the topics to record, or --all"));
        Assert.That(Run((o, e) => new BagRecordCommand(o, e), "/a", "--all").Code, Is.EqualTo(2));
    }

    [Test]
    public void BenchSimChecksEverySize()
    {
        var (code, error) = Run((o, e) => new SimBenchCommand(o, e), "--sizes", "128,4");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("vla bench sim: --sizes '4' is not an integer in 8..1024"));
    }

    [Test]
    public void TopicEchoRefusesABadQosProfileBeforeJoiningTheGraph()
    {
        var (code, error) = Run((o, e) => new TopicEchoCommand(o, e), "/chatter", "--qos", "fastest");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("vla topic echo: --qos 'fastest': unknown QoS profile"));
    }

    [Test]
    public void InterfaceShowTakesSeveralTypesOnlyWithIdl()
    {
        var (code, error) = Run((o, e) => new InterfaceShowCommand(o, e), "std_msgs/msg/String", "std_msgs/msg/Header");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("vla interface show: without --idl, give exactly one TYPE"));
    }

    [Test]
    public void ModelQuantizeChecksTheInt4BlockSizeBeforeTouchingThePackage()
    {
        var (code, error) = Run((o, e) => new ModelQuantizeCommand(o, e), "no-such-package", "--block-size", "20");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("vla model quantize: block size 20 is not a power of two >= 16"));
    }

    [Test]
    public void PrivateDomainsLeaveRoomForDdsperfsNextOne()
    {
        var (code, error) = Run((o, e) => new DemoCommand(o, e), "--domain", "232");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("vla demo: --domain '232' is not an integer in 0..231"));
        Assert.That(Run((o, e) => new DdsBenchCommand(o, e), "--domain", "-1").Error, Does.StartWith("vla bench dds: --domain '-1' is not an integer in 0..231"));
    }

    [Test]
    public void ModesThatDraftFromADatastoreNeedOne()
    {
        const string needs = "retrieval and heisd need --datastore";
        Assert.Multiple(() =>
        {
            Assert.That(Run((o, e) => new BenchDecodeCommand(o, e), "--model", "m", "--mode", "heisd").Error, Does.StartWith("vla bench decode: " + needs));
            Assert.That(Run((o, e) => new EvalReplayCommand(o, e), "bag", "--model", "m", "--modes", "spec,retrieval").Error, Does.StartWith("vla eval replay: " + needs));
            Assert.That(Run((o, e) => new BenchDecodeCommand(o, e), "--model", "m", "--mode", "spec", "--threads", "0").Error,
                Does.StartWith("vla bench decode: --threads '0' is not an integer >= 1"));
        });
    }

    [Test]
    public void DatastoreSourcesMatchWhereTheyComeFrom()
    {
        static string Error(params string[] args) => Run((o, e) => new DatastoreBuildCommand(o, e), ["--model", ".", "--out", "x.vds", .. args]).Error;
        Assert.Multiple(() =>
        {
            Assert.That(Error("--source", "recorded"), Does.StartWith("vla datastore build: --source recorded takes the actions of recorded bags"));
            Assert.That(Error("--bag", "b", "--source", "recorded", "--source", "policy"), Does.StartWith("vla datastore build: with --bag give one --source"));
            Assert.That(Error("--bag", "b", "--source", "expert"), Does.StartWith("vla datastore build: --source 'expert' does not apply to bags"));
            Assert.That(Error("--bag", "b", "--keep-failed"), Does.StartWith("vla datastore build: --keep-failed applies to policy runs"));
        });
    }
}
