namespace VlaRosNode.Package.Tests.LaunchFiles;

// What a launch file starts, the same for .launch.py and .launch.xml. Values are substitution text in the XML
// syntax: $(var NAME), $(find-pkg-share PKG), $(env NAME).

internal sealed record LaunchArgument(string Name, string? Default);

internal sealed record NodeParameter(string Name, string Value);

internal sealed record LaunchNode(string Package, string Executable, string? Name, IReadOnlyList<NodeParameter> Parameters, IReadOnlyList<string> ParameterFiles);

internal sealed record LaunchInclude(string File, IReadOnlyDictionary<string, string> Arguments);

internal sealed record LaunchDescriptionInfo(
    IReadOnlyList<LaunchArgument> Arguments,
    IReadOnlyList<LaunchNode> Nodes,
    IReadOnlyList<LaunchInclude> Includes,
    IReadOnlyList<IReadOnlyList<string>> Processes,
    IReadOnlyList<string> TimerPeriods);
