using VlaRosNode.Package.Tests.LaunchFiles;
using VlaRosNode.Package.Tests.Package;
using VlaRosNode.Package.Tests.Support;
using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Package.Tests;

/// <summary>
/// Every launch file names only things that exist: our executables (installed by CMakeLists.txt), other packages
/// (declared in package.xml), files (in the source tree, which is what share/vla_ros_node/ holds), parameters (declared
/// by the node's code, inline or in the parameter files it loads) and arguments (declared in the file).
/// Each .launch.py has a .launch.xml twin that starts the same things.
/// </summary>
public sealed class LaunchFileTests
{
    private const string OwnPackage = "vla_ros_node";

    private static readonly PackageManifest Manifest = PackageManifest.Load(RepoPaths.Of("package.xml"));
    private static readonly IReadOnlyDictionary<string, string> Executables = NodeExecutables.FromCMakeLists(RepoPaths.Of("CMakeLists.txt"));

    private static IEnumerable<string> LaunchFiles => LaunchFileSet.Names;

    [Test]
    public void LaunchFolderHasTheUseCasesInBothFormats()
    {
        var names = LaunchFileSet.Names.ToList();
        foreach (var useCase in new[] { "real_arm", "gazebo", "simulator", "bag_replay" })
            Assert.That(names, Does.Contain($"{useCase}.launch.py").And.Contain($"{useCase}.launch.xml"));
    }

    [TestCaseSource(nameof(LaunchFiles))]
    public void NamesOnlyExistingExecutablesAndPackages(string file)
    {
        var launch = LaunchFileSet.Read(file);
        Assert.That(launch.Nodes, Is.Not.Empty, "a launch file starts at least one node");
        foreach (var node in launch.Nodes)
        {
            if (node.Package == OwnPackage)
                Assert.That(Executables.Keys, Does.Contain(node.Executable), $"{file}: executable {node.Executable} is not installed by CMakeLists.txt");
            else
                Assert.That(Manifest.ExecDepends, Does.Contain(node.Package), $"{file}: package {node.Package} is not an exec_depend in package.xml");
        }
        foreach (var include in launch.Includes)
            Assert.That(Manifest.ExecDepends.Union([OwnPackage]), Is.SupersetOf(Substitutions.PackagesIn(include.File)), $"{file}: include {include.File}");
        foreach (var process in launch.Processes)
        {
            Assert.That(process[0], Is.EqualTo("ros2"), $"{file}: processes are ros2 CLI verbs");
            Assert.That(Manifest.ExecDepends, Does.Contain("ros2" + process[1]), $"{file}: `ros2 {process[1]}` comes from package ros2{process[1]}, an exec_depend");
        }
    }

    [TestCaseSource(nameof(LaunchFiles))]
    public void EveryArgumentUsedIsDeclaredAndEveryDeclaredOneIsUsed(string file)
    {
        var launch = LaunchFileSet.Read(file);
        var declared = launch.Arguments.Select(a => a.Name).ToList();
        Assert.That(declared, Is.Unique, file);
        var used = AllValues(launch).Concat(launch.Arguments.Select(a => a.Default ?? "")).SelectMany(Substitutions.ArgumentsIn).ToHashSet();
        Assert.That(used, Is.SubsetOf(declared), $"{file}: $(var) of an undeclared argument");
        Assert.That(declared, Is.SubsetOf(used), $"{file}: an argument that changes nothing");
    }

    [TestCaseSource(nameof(LaunchFiles))]
    public void OwnNodesGetOnlyParametersTheyDeclareFromFilesThatExist(string file)
    {
        var launch = LaunchFileSet.Read(file);
        var substitutions = new Substitutions(launch.Arguments, OwnPackage, RepoPaths.Root);
        foreach (var node in launch.Nodes.Where(n => n.Package == OwnPackage))
        {
            var declared = DeclaredParameters.Of(node.Executable);
            Assert.That(node.Parameters.Select(p => p.Name), Is.SubsetOf(declared), $"{file}: {node.Executable} does not declare these");
            Assert.That(node.Name, Is.Not.Null, $"{file}: {node.Executable} needs a name (the parameter files are keyed by it)");
            foreach (var fileText in node.ParameterFiles)
            {
                var path = substitutions.Evaluate(fileText);
                Assert.That(path, Is.Not.Null, $"{file}: parameter file {fileText} must have a default in our share folder");
                Assert.That(File.Exists(path), Is.True, $"{file}: parameter file {path} does not exist");
                var values = ParameterFile.Load(path!).ValuesFor("/" + node.Name);
                Assert.That(values, Is.Not.Empty, $"{file}: {path} sets nothing for node {node.Name}");
                Assert.That(values.Keys, Is.SubsetOf(declared), $"{file}: {path} sets parameters {node.Executable} does not declare");
            }
        }
    }

    [TestCaseSource(nameof(LaunchFiles))]
    public void EveryFileOfOurShareFolderExists(string file)
    {
        var launch = LaunchFileSet.Read(file);
        var substitutions = new Substitutions(launch.Arguments, OwnPackage, RepoPaths.Root);
        var ownPaths = AllValues(launch).Concat(launch.Arguments.Select(a => a.Default ?? ""))
            .Where(v => v.Contains($"$(find-pkg-share {OwnPackage})", StringComparison.Ordinal) || Substitutions.ArgumentsIn(v).Any())
            .Select(substitutions.Evaluate).OfType<string>().Where(v => v.StartsWith(RepoPaths.Root, StringComparison.Ordinal));
        foreach (var path in ownPaths)
            Assert.That(File.Exists(path), Is.True, $"{file}: {path} does not exist");
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

    private static IEnumerable<string> PythonFiles => LaunchFileSet.Names.Where(n => n.EndsWith(".py", StringComparison.Ordinal));

    private static string Describe(LaunchNode n) =>
        $"{n.Package}/{n.Executable} as {n.Name}: {string.Join(", ", n.ParameterFiles)} | {string.Join(", ", n.Parameters.Select(p => $"{p.Name}={p.Value}"))}";

    private static IEnumerable<string> AllValues(LaunchDescriptionInfo launch) =>
        launch.Nodes.SelectMany(n => n.Parameters.Select(p => p.Value).Concat(n.ParameterFiles))
            .Concat(launch.Includes.SelectMany(i => i.Arguments.Values.Append(i.File)))
            .Concat(launch.Processes.SelectMany(p => p))
            .Concat(launch.TimerPeriods);
}
