using VlaRosNode.Package.Tests.Package;
using VlaRosNode.Package.Tests.Support;
using VlaRosNode.Ros2.Parameters;

namespace VlaRosNode.Package.Tests.LaunchFiles;

/// <summary>
/// What a launch file (its includes followed) may name: our executables (installed by CMakeLists.txt), other packages
/// (declared in package.xml), files in <paramref name="share"/> (our share folder's layout), parameters the node's code
/// declares, arguments the file declares. Each check returns its problems, one line each, so a test can expect them.
/// </summary>
internal sealed class LaunchFileChecks(string share)
{
    private static readonly PackageManifest Manifest = PackageManifest.Load(RepoPaths.Of("package.xml"));
    private static readonly IReadOnlyDictionary<string, string> Executables = NodeExecutables.FromCMakeLists(RepoPaths.Of("CMakeLists.txt"));
    private const string OwnPackage = LaunchFileSet.OwnPackage;

    public IEnumerable<string> ExecutableAndPackageProblems(string file, LaunchDescriptionInfo launch)
    {
        if (launch.Nodes.Count == 0)
            yield return $"{file}: starts no node";
        foreach (var node in launch.Nodes)
        {
            if (node.Package == OwnPackage && !Executables.ContainsKey(node.Executable))
                yield return $"{file}: executable {node.Executable} is not installed by CMakeLists.txt";
            if (node.Package != OwnPackage && !Manifest.ExecDepends.Contains(node.Package))
                yield return $"{file}: package {node.Package} is not an exec_depend in package.xml";
        }
        foreach (var package in launch.Includes.SelectMany(i => Substitutions.PackagesIn(i.File)).Where(p => p != OwnPackage && !Manifest.ExecDepends.Contains(p)))
            yield return $"{file}: includes a launch file of {package}, which is not an exec_depend in package.xml";
        foreach (var process in launch.Processes)
        {
            if (process[0] != "ros2")
                yield return $"{file}: process {string.Join(' ', process)} is not a ros2 CLI verb";
            else if (!Manifest.ExecDepends.Contains("ros2" + process[1]))
                yield return $"{file}: `ros2 {process[1]}` comes from package ros2{process[1]}, not an exec_depend";
        }
    }

    public static IEnumerable<string> ArgumentProblems(string file, LaunchDescriptionInfo launch)
    {
        var declared = launch.Arguments.Select(a => a.Name).ToList();
        foreach (var twice in declared.GroupBy(n => n).Where(g => g.Count() > 1))
            yield return $"{file}: argument {twice.Key} declared twice";
        var used = AllValues(launch).Concat(launch.Arguments.Select(a => a.Default ?? "")).SelectMany(Substitutions.ArgumentsIn).ToHashSet();
        foreach (var name in used.Except(declared))
            yield return $"{file}: $(var {name}) of an undeclared argument";
        foreach (var name in declared.Except(used))
            yield return $"{file}: argument {name} changes nothing";
    }

    public IEnumerable<string> ParameterProblems(string file, LaunchDescriptionInfo launch)
    {
        var substitutions = new Substitutions(launch.Arguments, OwnPackage, share);
        foreach (var node in launch.Nodes.Where(n => n.Package == OwnPackage))
        {
            var declared = DeclaredParameters.Of(node.Executable);
            foreach (var parameter in node.Parameters.Where(p => !declared.Contains(p.Name)))
                yield return $"{file}: {node.Executable} does not declare parameter {parameter.Name}";
            if (node.Name is null)
            {
                yield return $"{file}: {node.Executable} needs a name (the parameter files are keyed by it)";
                continue;
            }
            foreach (var fileText in node.ParameterFiles)
            {
                var path = substitutions.Evaluate(fileText);
                if (path is null)
                    yield return $"{file}: parameter file {fileText} must have a default in our share folder";
                else if (!File.Exists(path))
                    yield return $"{file}: parameter file {path} does not exist";
                else
                {
                    var values = ParameterFile.Load(path).ValuesFor("/" + node.Name);
                    if (values.Count == 0)
                        yield return $"{file}: {path} sets nothing for node {node.Name}";
                    foreach (var name in values.Keys.Where(k => !declared.Contains(k)))
                        yield return $"{file}: {path} sets parameter {name}, which {node.Executable} does not declare";
                }
            }
        }
    }

    public IEnumerable<string> MissingFiles(string file, LaunchDescriptionInfo launch)
    {
        var substitutions = new Substitutions(launch.Arguments, OwnPackage, share);
        return AllValues(launch).Concat(launch.Arguments.Select(a => a.Default ?? ""))
            .Where(v => v.Contains($"$(find-pkg-share {OwnPackage})", StringComparison.Ordinal) || Substitutions.ArgumentsIn(v).Any())
            .Select(substitutions.Evaluate).OfType<string>()
            .Where(v => v.StartsWith(share, StringComparison.Ordinal) && !File.Exists(v))
            .Select(path => $"{file}: {path} does not exist");
    }

    private static IEnumerable<string> AllValues(LaunchDescriptionInfo launch) =>
        launch.Nodes.SelectMany(n => n.Parameters.Select(p => p.Value).Concat(n.ParameterFiles))
            .Concat(launch.Includes.SelectMany(i => i.Arguments.Values.Append(i.File)))
            .Concat(launch.Processes.SelectMany(p => p))
            .Concat(launch.TimerPeriods);
}
