using System.Xml.Linq;

namespace VlaRosNode.Package.Tests.Package;

/// <summary>What the tests need from package.xml: its name, format, build type and exec dependencies.</summary>
internal sealed record PackageManifest(string Name, string Format, string BuildType, IReadOnlySet<string> ExecDepends, IReadOnlySet<string> BuildtoolDepends)
{
    public static PackageManifest Load(string path)
    {
        var root = XDocument.Load(path).Root ?? throw new InvalidDataException($"{path}: empty");
        if (root.Name != "package")
            throw new InvalidDataException($"{path}: root element is <{root.Name}>, expected <package>");
        HashSet<string> All(string element) => root.Elements(element).Select(e => e.Value.Trim()).ToHashSet();
        var execDepends = All("exec_depend");
        execDepends.UnionWith(All("depend"));
        return new PackageManifest(
            root.Element("name")?.Value.Trim() ?? "",
            root.Attribute("format")?.Value ?? "",
            root.Element("export")?.Element("build_type")?.Value.Trim() ?? "",
            execDepends,
            All("buildtool_depend"));
    }
}
