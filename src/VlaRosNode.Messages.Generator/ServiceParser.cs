using System;
using System.Linq;

namespace VlaRosNode.Messages.Generator;

/// <summary>Parses a ROS 2 .srv file: request fields, a line <c>---</c>, response fields. Each half is a message
/// named <c>Name_Request</c> / <c>Name_Response</c> in the package's <c>srv</c> namespace, as rosidl names them.</summary>
internal static class ServiceParser
{
    public static MsgSpec[] Parse(string package, string name, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var separators = lines.Select((line, i) => (line, i)).Where(x => x.line.Trim() == "---").Select(x => x.i).ToList();
        if (separators.Count != 1)
            throw new FormatException($"{package}/{name}.srv: expected exactly one '---' line between request and response, found {separators.Count}");
        var split = separators[0];
        var request = string.Join("\n", lines.Take(split));
        var response = string.Join("\n", lines.Skip(split + 1));
        return new[] { Half(package, name, "Request", request), Half(package, name, "Response", response) };
    }

    private static MsgSpec Half(string package, string name, string part, string text)
    {
        var spec = MsgParser.Parse(package, name, text);
        return spec with { Name = name + "_" + part, Kind = "srv" };
    }
}
