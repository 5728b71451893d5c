using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace VlaRosNode.Package.Tests.LaunchFiles;

/// <summary>
/// Reads a .launch.xml with System.Xml and checks it against the launch_xml structure we use: which elements may
/// appear where, with which attributes (required ones present, no unknown ones). A file that breaks it is an
/// <see cref="InvalidDataException"/> naming the line.
/// </summary>
internal static partial class XmlLaunchReader
{
    private sealed record Shape(string[] Required, string[] Optional, string[] Children);

    private static readonly Dictionary<string, Shape> Shapes = new()
    {
        ["launch"] = new([], [], ["arg", "node", "include", "executable", "timer"]),
        ["arg"] = new(["name"], ["default", "description", "value"], []),
        ["node"] = new(["pkg", "exec"], ["name", "namespace", "output", "args"], ["param", "remap"]),
        ["param"] = new([], ["name", "value", "from"], []),
        ["remap"] = new(["from", "to"], [], []),
        ["include"] = new(["file"], [], ["arg"]),
        ["executable"] = new(["cmd"], ["name", "output", "cwd"], []),
        ["timer"] = new(["period"], [], ["node", "executable", "include"]),
    };

    public static LaunchDescriptionInfo Read(string path)
    {
        var root = XDocument.Load(path, LoadOptions.SetLineInfo).Root!;
        Check(root, "launch", path);
        var args = new List<LaunchArgument>();
        var nodes = new List<LaunchNode>();
        var includes = new List<LaunchInclude>();
        var processes = new List<IReadOnlyList<string>>();
        var timers = new List<string>();
        foreach (var e in root.Descendants())
        {
            switch (e.Name.LocalName)
            {
                case "arg" when e.Parent == root:
                    if (e.Attribute("value") is not null)
                        throw Error(e, path, "a top-level <arg> declares (default=), it does not set a value");
                    args.Add(new LaunchArgument(e.Attribute("name")!.Value, e.Attribute("default")?.Value));
                    break;
                case "node":
                    nodes.Add(ReadNode(e, path));
                    break;
                case "include":
                    includes.Add(new LaunchInclude(e.Attribute("file")!.Value,
                        e.Elements("arg").ToDictionary(a => a.Attribute("name")!.Value, a => a.Attribute("value")?.Value ?? throw Error(a, path, "<include><arg> needs value="))));
                    break;
                case "executable":
                    processes.Add(CommandWords().Matches(e.Attribute("cmd")!.Value).Select(m => m.Value).ToList());
                    break;
                case "timer":
                    timers.Add(e.Attribute("period")!.Value);
                    break;
            }
        }
        return new LaunchDescriptionInfo(args, nodes, includes, processes, timers);
    }

    private static LaunchNode ReadNode(XElement e, string path)
    {
        var parameters = new List<NodeParameter>();
        var files = new List<string>();
        foreach (var p in e.Elements("param"))
        {
            if (p.Attribute("from") is { } from)
            {
                if (p.Attribute("name") is not null || p.Attribute("value") is not null)
                    throw Error(p, path, "<param from=> takes no name or value");
                files.Add(from.Value);
            }
            else if (p.Attribute("name") is { } name && p.Attribute("value") is { } value)
            {
                parameters.Add(new NodeParameter(name.Value, value.Value));
            }
            else
            {
                throw Error(p, path, "<param> needs from= or name= and value=");
            }
        }
        return new LaunchNode(e.Attribute("pkg")!.Value, e.Attribute("exec")!.Value, e.Attribute("name")?.Value, parameters, files);
    }

    private static void Check(XElement e, string expected, string path)
    {
        if (e.Name.LocalName != expected)
            throw Error(e, path, $"<{e.Name.LocalName}> where <{expected}> belongs");
        var shape = Shapes[expected];
        foreach (var required in shape.Required.Where(r => e.Attribute(r) is null))
            throw Error(e, path, $"<{expected}> needs {required}=");
        foreach (var a in e.Attributes().Where(a => !shape.Required.Contains(a.Name.LocalName) && !shape.Optional.Contains(a.Name.LocalName)))
            throw Error(e, path, $"<{expected}> has unknown attribute {a.Name.LocalName}=");
        foreach (var child in e.Elements())
        {
            if (!shape.Children.Contains(child.Name.LocalName))
                throw Error(child, path, $"<{child.Name.LocalName}> is not allowed inside <{expected}>");
            Check(child, child.Name.LocalName, path);
        }
    }

    /// <summary>The words of a cmd= as launch splits them: on spaces, but not inside a $(substitution).</summary>
    [GeneratedRegex(@"(?:\$\([^)]*\)|\S)+")]
    private static partial Regex CommandWords();

    private static InvalidDataException Error(XElement e, string path, string problem) =>
        new($"{path}:{((IXmlLineInfo)e).LineNumber}: {problem}");
}
