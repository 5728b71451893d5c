using System.Text.RegularExpressions;

namespace VlaRosNode.Package.Tests.LaunchFiles;

/// <summary>
/// Evaluates launch substitution text ($(var x), $(find-pkg-share p)) the way ros2 launch would with the default
/// arguments: arguments take their defaults, our own package's share folder is the source tree (its layout is what
/// CMakeLists.txt installs). Anything else (another package's share, a required argument) cannot be evaluated here.
/// </summary>
internal sealed partial class Substitutions(IReadOnlyList<LaunchArgument> arguments, string ownPackage, string ownShare)
{
    /// <summary>The value with defaults, or null where it depends on a required argument or another package.</summary>
    public string? Evaluate(string text)
    {
        var unresolved = false;
        var result = SubstitutionRegex().Replace(text, m =>
        {
            var (kind, operand) = (m.Groups[1].Value, m.Groups[2].Value);
            switch (kind)
            {
                case "var":
                    var argument = arguments.FirstOrDefault(a => a.Name == operand)
                                   ?? throw new InvalidDataException($"$(var {operand}) names no declared argument");
                    var value = argument.Default is null ? null : Evaluate(argument.Default);
                    unresolved |= value is null;
                    return value ?? "";
                case "find-pkg-share" when operand == ownPackage:
                    return ownShare;
                case "find-pkg-share":
                    unresolved = true;
                    return "";
                default:
                    throw new InvalidDataException($"unsupported substitution $({kind} {operand})");
            }
        });
        return unresolved ? null : result;
    }

    /// <summary>The packages named by $(find-pkg-share PKG) in <paramref name="text"/>.</summary>
    public static IEnumerable<string> PackagesIn(string text) =>
        SubstitutionRegex().Matches(text).Where(m => m.Groups[1].Value == "find-pkg-share").Select(m => m.Groups[2].Value);

    /// <summary>The arguments named by $(var NAME) in <paramref name="text"/>.</summary>
    public static IEnumerable<string> ArgumentsIn(string text) =>
        SubstitutionRegex().Matches(text).Where(m => m.Groups[1].Value == "var").Select(m => m.Groups[2].Value);

    /// <summary><paramref name="text"/> with each $(var NAME) replaced by <paramref name="valueOf"/>(NAME).</summary>
    public static string ReplaceArguments(string text, Func<string, string> valueOf) =>
        SubstitutionRegex().Replace(text, m => m.Groups[1].Value == "var" ? valueOf(m.Groups[2].Value) : m.Value);

    [GeneratedRegex(@"\$\(([a-z-]+) ([^)]+)\)")]
    private static partial Regex SubstitutionRegex();
}
