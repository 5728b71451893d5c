using VlaRosNode.Package.Tests.LaunchFiles;
using VlaRosNode.Package.Tests.Support;

namespace VlaRosNode.Package.Tests;

/// <summary>
/// Every launch file, its includes of our package followed, names only things that exist (see
/// <see cref="LaunchFileChecks"/>), and each .launch.py has a .launch.xml twin that starts the same things. The policy
/// node is written once per format, in launch/policy.launch.*, which the use-case files include.
/// </summary>
public sealed class LaunchFileTests
{
    private static readonly LaunchFileChecks Checks = new(RepoPaths.Root);

    private static IEnumerable<string> LaunchFiles => LaunchFileSet.Names;

    private static IEnumerable<string> PythonFiles => LaunchFileSet.Names.Where(n => n.EndsWith(".py", StringComparison.Ordinal));

    [Test]
    public void LaunchFolderHasTheUseCasesInBothFormats()
    {
        var names = LaunchFileSet.Names.ToList();
        foreach (var useCase in new[] { "policy", "real_arm", "gazebo", "simulator", "bag_replay" })
            Assert.That(names, Does.Contain($"{useCase}.launch.py").And.Contain($"{useCase}.launch.xml"));
    }

    [TestCaseSource(nameof(LaunchFiles))]
    public void NamesOnlyExistingExecutablesAndPackages(string file) =>
        Assert.That(Checks.ExecutableAndPackageProblems(file, LaunchFileSet.Read(file)), Is.Empty);

    [TestCaseSource(nameof(LaunchFiles))]
    public void EveryArgumentUsedIsDeclaredAndEveryDeclaredOneIsUsed(string file) =>
        Assert.That(LaunchFileChecks.ArgumentProblems(file, LaunchFileSet.Read(file)), Is.Empty);

    [TestCaseSource(nameof(LaunchFiles))]
    public void OwnNodesGetOnlyParametersTheyDeclareFromFilesThatExist(string file) =>
        Assert.That(Checks.ParameterProblems(file, LaunchFileSet.Read(file)), Is.Empty);

    [TestCaseSource(nameof(LaunchFiles))]
    public void EveryFileOfOurShareFolderExists(string file) =>
        Assert.That(Checks.MissingFiles(file, LaunchFileSet.Read(file)), Is.Empty);

    [TestCaseSource(nameof(LaunchFiles))]
    public void EveryUseCaseStartsThePolicyNodeThroughTheSharedFile(string file)
    {
        var policyNodes = LaunchFileSet.Read(file).Nodes.Where(n => n.Executable == "vla_policy_node").ToList();
        Assert.That(policyNodes, Has.Count.EqualTo(1), $"{file}: one policy node");
        var written = LaunchFileSet.ReadFile(RepoPaths.Of("launch", file)).Nodes.Any(n => n.Executable == "vla_policy_node");
        Assert.That(written, Is.EqualTo(file.StartsWith("policy.", StringComparison.Ordinal)),
            $"{file}: the policy node is written in policy.launch.* only, the others include it");
    }

    [TestCaseSource(nameof(PythonFiles))]
    public void XmlTwinStartsTheSameThings(string pythonFile)
    {
        var python = LaunchFileSet.Read(pythonFile);
        var xml = LaunchFileSet.Read(pythonFile.Replace(".launch.py", ".launch.xml", StringComparison.Ordinal));
        Assert.That(xml.Arguments, Is.EqualTo(python.Arguments), "arguments and defaults");
        Assert.That(xml.Nodes.Select(Describe), Is.EqualTo(python.Nodes.Select(Describe)), "nodes, parameters, parameter files");
        Assert.That(xml.Includes.Select(i => i.File + " " + string.Join(",", i.Arguments.Order())),
            Is.EqualTo(python.Includes.Select(i => i.File + " " + string.Join(",", i.Arguments.Order()))), "includes");
        Assert.That(xml.Processes, Is.EqualTo(python.Processes), "processes, word by word");
        Assert.That(xml.TimerPeriods, Is.EqualTo(python.TimerPeriods), "timers");
    }

    private static string Describe(LaunchNode n) =>
        $"{n.Package}/{n.Executable} as {n.Name}: {string.Join(", ", n.ParameterFiles)} | {string.Join(", ", n.Parameters.Select(p => $"{p.Name}={p.Value}"))}";
}
