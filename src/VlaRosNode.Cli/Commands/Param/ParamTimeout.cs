using VlaRosNode.Cli.Commands.Topic;

namespace VlaRosNode.Cli.Commands.Param;

/// <summary>How long `vla param` waits for the node's service to appear and to answer.</summary>
internal static class ParamTimeout
{
    public static TimeSpan From(Dictionary<string, string?> options) => TimeSpan.FromSeconds(ToolSession.Number(options, "--timeout", 5));
}
