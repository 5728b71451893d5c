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

    [Test]
    public void Every_precision_gets_its_file_sizes_and_decode_and_verify_costs()
    {
        string[] precisions = ["fp32", "int8", "int4"];
        var costs = PrecisionBenchmark.Run(Fixture.PackageDirectory, precisions, new Runtime.EngineOptions(),
            _ => Fixture.Expected.Observation, iterations: 3, rounds: 2);

        Assert.That(costs.Select(c => c.Precision), Is.EqualTo(precisions));
        foreach (var c in costs)
        {
            var suffix = c.Precision == "fp32" ? "" : "." + c.Precision;
            Assert.That(c.DecoderBytes, Is.EqualTo(new FileInfo(Path.Combine(Fixture.PackageDirectory, $"decoder{suffix}.onnx")).Length));
            Assert.That(c.DrafterBytes, Is.EqualTo(new FileInfo(Path.Combine(Fixture.PackageDirectory, $"drafter{suffix}.onnx")).Length));
            Assert.That(new[] { c.TargetDecodeUs, c.TargetVerify8Us, c.DrafterDecodeUs, c.DrafterVerify8Us }, Is.All.Positive);
        }
        var table = PrecisionBenchmarkReport.Markdown(costs, "tiny", "test");
        Assert.That(table, Does.Contain($"| fp32 | {costs[0].DecoderBytes} | {costs[0].DrafterBytes} |").And.Contain("1.00x | 1.00x |"));
    }
}
