namespace VlaRosNode.Cli.Commands.Param;

/// <summary>The --timeout every `vla param` command takes: how long to wait for the node's service to appear and answer.</summary>
internal static class ParamTimeout
{
    public static CommandOptions Declare(CommandOptions options) =>
        options.Value("--timeout", "SECONDS", "how long to wait for the node to answer", defaultValue: "5");

    public static TimeSpan From(ParsedOptions flags) => TimeSpan.FromSeconds(flags.Number("--timeout", above: 0));
}
