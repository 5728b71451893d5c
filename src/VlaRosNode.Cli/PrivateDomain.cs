namespace VlaRosNode.Cli;

/// <summary>`--domain ID` of the commands that run their own nodes (vla demo, vla bench dds): by default a domain
/// from the process id in 150..229, apart from the tests' 40..99, so two runs on one machine do not meet.</summary>
public static class PrivateDomain
{
    private const string Flag = "--domain";

    public static CommandOptions WithDomain(this CommandOptions options, string help) =>
        options.Value(Flag, "ID", $"{help} (default: 150 + process id mod 80)");

    public static uint From(ParsedOptions flags) =>
        flags.Has(Flag) ? flags.Integer(Flag, 0u, 231u) : (uint)(150 + Environment.ProcessId % 80);
}
