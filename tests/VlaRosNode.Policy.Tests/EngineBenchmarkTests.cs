using VlaRosNode.Policy.Benchmarks;

namespace VlaRosNode.Policy.Tests;

/// <summary>`vla bench engine` measures every call kind and leaves the policy usable.</summary>
public class EngineBenchmarkTests
{
    [Test]
    public void Every_graph_and_call_kind_is_measured_and_the_policy_still_decodes_right()
    {
        using var policy = VlaPolicy.Open(Fixture.PackageDirectory);
        var rows = EngineBenchmark.Run(policy, Fixture.Expected.Observation, iterations: 3, warmup: 1);

        var calls = rows.Select(r => $"{r.Graph}/{r.Call}").ToArray();
        var decoderCalls = new[] { "prefill", "decode 1 token" }.Concat(Enumerable.Range(2, 7).Select(k => $"verify {k} tokens"));
        Assert.That(calls, Is.SupersetOf(decoderCalls.SelectMany(c => new[] { $"target/{c}", $"drafter/{c}" })));
        Assert.That(calls, Has.Some.StartsWith("vision/").And.Some.StartsWith("embed/").And.Some.StartsWith("policy/"));
        Assert.That(rows.All(r => r.MedianUs > 0 && r.MedianUs <= r.P90Us), Is.True);
        Assert.That(EngineBenchmarkReport.Markdown(rows, "tiny", "test"), Does.Contain("| target | verify 8 tokens | 8 |"));
        Assert.That(policy.Step(Fixture.Expected.Observation).Tokens, Is.EqualTo(Fixture.Expected.GreedyTokens));

        var overhead = EngineBenchmark.DecodeOnly("near-empty", policy, Fixture.Expected.Observation, iterations: 3, warmup: 1);
        Assert.That(EngineBenchmarkReport.Ratios([.. rows, overhead]), Has.Some.StartsWith("target decode / near-empty decoder call"));
    }
}
