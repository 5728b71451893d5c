using System.Text.RegularExpressions;

namespace VlaRosNode.Package.Tests.Package;

/// <summary>The node executables CMakeLists.txt installs (its VLA_NODE_EXECUTABLES table: executable=`vla` subcommand).</summary>
internal static partial class NodeExecutables
{
    public static IReadOnlyDictionary<string, string> FromCMakeLists(string path)
    {
        var text = File.ReadAllText(path);
        var table = TableRegex().Match(text);
        if (!table.Success)
            throw new InvalidDataException($"{path}: no set(VLA_NODE_EXECUTABLES ...)");
        return EntryRegex().Matches(table.Groups[1].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    [GeneratedRegex(@"set\(VLA_NODE_EXECUTABLES\s+([^)]*)\)")]
    private static partial Regex TableRegex();

    [GeneratedRegex("\"([a-z_]+)=([a-z ]+)\"")]
    private static partial Regex EntryRegex();
}
