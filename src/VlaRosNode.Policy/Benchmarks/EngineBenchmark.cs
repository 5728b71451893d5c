using System.Diagnostics;
using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Policy.Benchmarks;

/// <summary>One measured call kind: its cost over the timed iterations, in microseconds.</summary>
public sealed record BenchmarkRow(string Graph, string Call, int Tokens, double MeanUs, double MedianUs, double P90Us);

/// <summary>
/// Per-call costs of each graph of a loaded policy: vision, embed, and for target and drafter prefill of the real
/// prefix, 1-token decode and k-token verify (k = 1..8) at the position right after the prefix; plus the whole
/// greedy control step. Decoder calls time Forward only (inputs prepared outside the timed region); the cache
/// is rolled back to the prefix between calls so every call sees the same past length.
/// </summary>
public static class EngineBenchmark
{
    public const int MaxVerify = 8;

    public static IReadOnlyList<BenchmarkRow> Run(VlaPolicy policy, Observation observation, int iterations, int warmup = 10)
    {
        var context = ContextCapture.Capture(policy, observation);
        var model = policy.Model;
        var rows = new List<BenchmarkRow>
        {
            Measure("vision", "encode", model.Vision.TokenCount, iterations, warmup, () => model.Vision.Run()),
            Measure("embed", "1 token (near-minimal graph: ORT per-call overhead)", 1, iterations, warmup,
                () => model.Embedder.Run([1])),
        };
        rows.AddRange(Decoder("target", model.Target, context, iterations, warmup));
        if (model.Drafter is { } drafter)
            rows.AddRange(Decoder("drafter", drafter, context, iterations, warmup));
        var output = policy.CreateOutput();
        rows.Add(Measure("policy", $"control step ({policy.Strategy.Name})", output.Tokens.Length, iterations, warmup,
            () => policy.Step(observation, output)));
        return rows;
    }

    /// <summary>The 1-token decode of <paramref name="policy"/>'s target alone: run on a near-empty package it is the
    /// fixed cost of one decoder-shaped call (many inputs and outputs), the overhead a target pass must dwarf.</summary>
    public static BenchmarkRow DecodeOnly(string label, VlaPolicy policy, Observation observation, int iterations, int warmup = 10)
    {
        var context = ContextCapture.Capture(policy, observation);
        context.Prefill(policy.Model.Target);
        return MeasureForward("overhead", label, policy.Model.Target, context.PrefixLength, 1, iterations, warmup);
    }

    private static IEnumerable<BenchmarkRow> Decoder(string name, KvCacheDecoder decoder, DecodingContext context,
        int iterations, int warmup)
    {
        var prefix = context.PrefixLength;
        yield return Measure(name, "prefill", prefix, iterations, warmup, () => context.Prefill(decoder));
        context.Prefill(decoder);
        for (var k = 1; k <= MaxVerify; k++)
            yield return MeasureForward(name, k == 1 ? "decode 1 token" : $"verify {k} tokens", decoder, prefix, k, iterations, warmup);
    }

    /// <summary>Forward of <paramref name="count"/> tokens after the prefix, rolled back (untimed) after each call.</summary>
    public static BenchmarkRow MeasureForward(string graph, string call, KvCacheDecoder decoder, int prefix, int count,
        int iterations, int warmup)
    {
        decoder.Input(count).Fill(0.01f); // any embeddings: cost does not depend on values
        return Measure(graph, call, count, iterations, warmup, () => decoder.Forward(count), untimed: () => decoder.Rollback(prefix));
    }

    private static BenchmarkRow Measure(string graph, string call, int tokens, int iterations, int warmup, Action run,
        Action? untimed = null)
    {
        for (var i = 0; i < warmup; i++)
        {
            run();
            untimed?.Invoke();
        }
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            run();
            samples[i] = StepStatistics.Microseconds(Stopwatch.GetTimestamp() - start);
            untimed?.Invoke();
        }
        Array.Sort(samples);
        return new BenchmarkRow(graph, call, tokens, samples.Average(), samples[iterations / 2], samples[(int)(iterations * 0.9)]);
    }
}
