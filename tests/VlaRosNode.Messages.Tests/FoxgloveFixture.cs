using System.Text.Json.Nodes;
using VlaRosNode.Messages.Text;

namespace VlaRosNode.Messages.Tests;

/// <summary>One message of Fixtures/foxglove-cdr.json: its values and @foxglove's CDR for them (null where @foxglove's
/// writer cannot encode it, see <see cref="WriterDefect"/>).</summary>
internal sealed record FoxgloveCase(string Type, string Name, JsonObject Values, byte[]? Cdr, string? WriterDefect)
{
    /// <summary>The message built from <see cref="Values"/> through our `topic pub` YAML path.</summary>
    public IRosMessage Build() => MessageYaml.Parse(MessageRegistry.Get(Type), Values.ToJsonString());

    public override string ToString() => $"{Type} '{Name}'";
}

internal static class FoxgloveFixture
{
    private static readonly Lazy<FoxgloveCase[]> Loaded = new(() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.FoxgloveFixture))!["cases"]!.AsArray().Select(c => new FoxgloveCase(
            (string)c!["type"]!, (string)c["name"]!, c["values"]!.AsObject(),
            c["cdr"] is { } cdr ? Convert.FromBase64String((string)cdr!) : null, (string?)c["writerDefect"])).ToArray());

    public static FoxgloveCase[] Cases => Loaded.Value;
}
