using VlaRosNode.Package.Tests.Package;
using VlaRosNode.Package.Tests.Support;
using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Package.Tests;

/// <summary>Every ROS 2 parameter file in config/ sets only parameters its node declares, and a node's defaults file
/// (config/sim_node.yaml; policy_node.yaml is checked by the Nodes tests) shows every parameter with its default.</summary>
public sealed class ParameterFileTests
{
    private static IEnumerable<string> ParameterFiles => Directory.GetFiles(RepoPaths.Of("config"), "*.yaml")
        .Where(f => File.ReadAllText(f).Contains("ros__parameters:", StringComparison.Ordinal))
        .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(ParameterFiles))]
    public void SetsOnlyDeclaredParameters(string file)
    {
        var keys = File.ReadAllLines(RepoPaths.Of("config", file)).Where(l => l.Length > 0 && char.IsLetter(l[0])).Select(l => l.TrimEnd(':')).ToList();
        Assert.That(keys, Is.Not.Empty, file);
        foreach (var nodeName in keys)
        {
            var values = ParameterFile.Load(RepoPaths.Of("config", file)).ValuesFor("/" + nodeName);
            Assert.That(values.Keys, Is.SubsetOf(DeclaredParameters.Of(DeclaredParameters.ExecutableOfNode(nodeName))), $"{file}: {nodeName}");
        }
    }

    [Test]
    public void SimNodeFileListsEveryParameterWithItsDefault()
    {
        var defaults = DeclaredParameters.Defaults("vla_sim_node").Where(p => p.Key != "use_sim_time").ToDictionary();
        var file = ParameterFile.Load(RepoPaths.Of("config", "sim_node.yaml")).ValuesFor("/vla_sim").ToDictionary(p => p.Key, p => p.Value.ToString());
        Assert.That(file, Is.EquivalentTo(defaults));
    }
}
