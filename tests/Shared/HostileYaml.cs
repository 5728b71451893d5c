namespace VlaRosNode.Testing;

/// <summary>YAML texts that broke YamlDotNet's callers (found by fuzzing): nesting deep enough to overflow its recursive
/// loader, which kills the process, and malformed text it reports with ArgumentException instead of YamlException.
/// Every reader of outside YAML must turn each into its own clear error.</summary>
internal static class HostileYaml
{
    private const int Depth = 100_000;

    public static IEnumerable<TestCaseData> Texts()
    {
        yield return new TestCaseData(new string('[', Depth) + new string(']', Depth)).SetName("{m}(flow sequences nested 100,000 deep)");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("{a: ", Depth)) + "b" + new string('}', Depth)).SetName("{m}(flow mappings nested 100,000 deep)");
        yield return new TestCaseData(string.Concat(Enumerable.Repeat("- ", Depth)) + "x\n").SetName("{m}(block sequences nested 100,000 deep)");
        yield return new TestCaseData("a: []*x\n").SetName("{m}(alias after a collection)");
        yield return new TestCaseData("a: !!binary[]\n").SetName("{m}(tag that is not a URI)");
    }
}
