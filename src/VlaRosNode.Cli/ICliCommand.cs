namespace VlaRosNode.Cli;

/// <summary>One `vla` subcommand, e.g. <c>topic echo</c> or <c>bag info</c>.</summary>
public interface ICliCommand
{
    /// <summary>The words after `vla` that select this command, e.g. <c>"bag info"</c>.</summary>
    string Name { get; }

    /// <summary>One line for `vla --help`.</summary>
    string Summary { get; }

    /// <summary>Runs with the remaining arguments; returns the process exit code.</summary>
    int Run(IReadOnlyList<string> args);
}
