using VlaRosNode.Nodes.ArmControl;
using VlaRosNode.Nodes.Tests.Support;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Retrieval;
using VlaRosNode.Ros2;
using VlaRosNode.Ros2.Parameters;
using VlaRosNode.Ros2.Transport;

namespace VlaRosNode.Nodes.Tests;

/// <summary>The node's decoding parameters (decoding_mode, datastore_file, &lt;mode&gt;.&lt;option&gt;) select and configure the
/// strategy, and a mode the model package or the parameters cannot serve stops the node before it can command.</summary>
public sealed class DecodingModeTests
{
    private static RosContext Context(params string[] rosArgs) =>
        RosContext.Create(["--ros-args", .. rosArgs], new RosContextOptions { InProcess = new InProcessDomain() });

    private static DecodingSettings Declare(params string[] rosArgs)
    {
        using var context = Context(rosArgs);
        return PolicyNodeSettings.Declare(context.CreateNode(PolicyNode.DefaultName)).Decoding;
    }

    [Test]
    public void CommandLineParametersSelectTheStrategyAndItsOptions()
    {
        var settings = Declare("-p", "decoding_mode:=kerv", "-p", "kerv.min_tolerance:=2", "-p", "kerv.motion:=random_walk", "-p", "spec.tolerance:=0");
        var kerv = (KervDecoding)settings.CreateStrategy(null);
        Assert.That(kerv.Options, Is.EqualTo(new KervOptions { MinTolerance = 2, Motion = Kinematics.Filtering.MotionModel.RandomWalk }),
            "the two set options, the rest at the record's defaults; other modes' options are not used");
        Assert.That(settings.NeedsDrafter, Is.True);
    }

    [Test]
    public void ParameterFileSelectsHeisdWithNestedOptions()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vla-decoding-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, """
            vla_policy:
              ros__parameters:
                decoding_mode: heisd
                heisd:
                  top_k: 3
                  verify_skip: fixed_pattern
                  initial_skip_similarity: 0.9
            """);
        try
        {
            var settings = Declare("--params-file", TestPaths.Config("policy_node.yaml"), "--params-file", file);
            var heisd = (HeisdDecoding)settings.CreateStrategy(new ActionDatastore(64, 7));
            Assert.That(heisd.Options, Is.EqualTo(new HeisdOptions { TopK = 3, VerifySkip = VerifySkip.FixedPattern, InitialSkipSimilarity = 0.9 }));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void FastHeisdFileSelectsOneCandidateOnInt8AndNeedsADatastore()
    {
        using var context = Context("--params-file", TestPaths.Config("policy_node.yaml"), "--params-file", TestPaths.Config("policy_node.sim.yaml"),
            "--params-file", TestPaths.Config("policy_node.heisd-fast.yaml"));
        var settings = PolicyNodeSettings.Declare(context.CreateNode(PolicyNode.DefaultName));
        Assert.That(settings.Precision, Is.EqualTo("int8"));
        Assert.That(settings.Decoding.Mode, Is.EqualTo("heisd"));
        var heisd = (HeisdDecoding)settings.Decoding.CreateStrategy(new ActionDatastore(64, 7));
        Assert.That(heisd.Options, Is.EqualTo(new HeisdOptions { TopK = 1 }), "one candidate, every other option the paper's");
        Assert.That(settings.Decoding.DatastoreFile, Is.Empty, "the user's own runs: set on the command line");
        Assert.That(() => settings.Decoding.LoadDatastore(), Throws.ArgumentException.With.Message.Contains("datastore_file is not set"));
    }

    [Test]
    public void DefaultIsGreedyDecodingWithoutDrafter()
    {
        var settings = Declare();
        Assert.That(settings.CreateStrategy(null), Is.TypeOf<GreedyDecoding>());
        Assert.That(settings.NeedsDrafter, Is.False);
        Assert.That(settings.LoadDatastore(), Is.Null);
    }

    [Test]
    public void BadModeOrOptionNamesTheParameter()
    {
        Assert.That(() => Declare("-p", "decoding_mode:=beam"), Throws.ArgumentException.With.Message.Contains("decoding_mode").And.Message.Contains("beam"));
        Assert.That(() => Declare("-p", "heisd.verify_skip:=sometimes"), Throws.ArgumentException.With.Message.Contains("heisd.verify_skip").And.Message.Contains("fixed_pattern"));
        Assert.That(() => Declare("-p", "spec.tolerance:=wide"), Throws.TypeOf<ParameterException>().With.Message.Contains("spec.tolerance"));
        var inverted = Declare("-p", "decoding_mode:=kerv", "-p", "kerv.min_tolerance:=20");
        Assert.That(() => inverted.CreateStrategy(null), Throws.ArgumentException.With.Message.Contains("MinTolerance = 20"));
    }

    [TestCase("retrieval")]
    [TestCase("heisd")]
    public void DatastoreModeWithoutDatastoreStopsTheNode(string mode) =>
        AssertStopsBeforeCommanding(Throws.TypeOf<ArgumentException>().With.Message.Contains("datastore_file").And.Message.Contains(mode),
            "-p", $"decoding_mode:={mode}");

    [Test]
    public void DatastoreOfAnotherModelStopsTheNode()
    {
        var file = Path.Combine(Path.GetTempPath(), $"vla-store-{Guid.NewGuid():N}.vds");
        DatastoreFile.Save(new ActionDatastore(10, 7), file);
        try
        {
            AssertStopsBeforeCommanding(Throws.TypeOf<ArgumentException>().With.Message.Contains("keys of 10 values").And.Message.Contains("build it with this model"),
                "-p", "decoding_mode:=retrieval", "-p", $"datastore_file:={file}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("spec")]
    [TestCase("heisd")]
    [TestCase("kerv")]
    public void DrafterModeOnAPackageWithoutDrafterStopsTheNode(string mode)
    {
        var package = Path.Combine(Path.GetTempPath(), $"vla-no-drafter-{Guid.NewGuid():N}");
        Directory.CreateDirectory(package);
        foreach (var f in Directory.GetFiles(TestPaths.FixtureModel))
            File.Copy(f, Path.Combine(package, Path.GetFileName(f)));
        var manifest = File.ReadAllLines(Path.Combine(package, "manifest.yaml"));
        var start = Array.FindIndex(manifest, l => l.StartsWith("drafter:", StringComparison.Ordinal));
        var end = Array.FindIndex(manifest, start + 1, l => !l.StartsWith(' '));
        File.WriteAllLines(Path.Combine(package, "manifest.yaml"), manifest[..start].Concat(manifest[end..]));
        var store = Path.Combine(package, "store.vds");
        DatastoreFile.Save(new ActionDatastore(64, 7), store);
        try
        {
            AssertStopsBeforeCommanding(Throws.TypeOf<ArgumentException>().With.Message.Contains($"decoding_mode is '{mode}'").And.Message.Contains("has none"),
                "-p", $"model_package:={package}", "-p", $"decoding_mode:={mode}", "-p", $"datastore_file:={store}");
        }
        finally
        {
            Directory.Delete(package, recursive: true);
        }
    }

    private static void AssertStopsBeforeCommanding(NUnit.Framework.Constraints.IResolveConstraint failure, params string[] parameters)
    {
        string[] cameras = ["-p", "camera_topics:=[/front/image_raw, /wrist/image_raw]"];
        using var context = Context([.. cameras, "-p", $"model_package:={TestPaths.FixtureModel}", .. parameters]);
        Assert.That(() => PolicyNode.Create(context), failure);
        Assert.That(context.GetEndpoints().Where(e => e.IsWriter && e.DdsTopic.StartsWith("rt/", StringComparison.Ordinal)), Is.Empty, "no topic publisher was ever created");
    }
}
