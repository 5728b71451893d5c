using VlaRosNode.Policy.Decoding;
using VlaRosNode.Policy.Runtime;

namespace VlaRosNode.Policy.Benchmarks;

/// <summary>One precision variant's graph file sizes and the median cost of decode-1 and verify-8 calls.</summary>
public sealed record PrecisionCost(
    string Precision, long DecoderBytes, long DrafterBytes,
    double TargetDecodeUs, double TargetVerify8Us, double DrafterDecodeUs, double DrafterVerify8Us);

/// <summary>
/// Decode-1 and verify-8 costs of a package's precision variants (target and drafter), measured in one process:
/// every precision is open at once and the rounds go round-robin over them, so load that comes and goes on a
/// shared machine hits each precision alike. Each figure is the median over rounds of a round's median.
/// </summary>
public static class PrecisionBenchmark
{
    public static IReadOnlyList<PrecisionCost> Run(string packageDirectory, IReadOnlyList<string> precisions, EngineOptions engine,
        Func<VlaPolicy, Observation> observation, int iterations, int rounds)
    {
        var policies = new List<VlaPolicy>();
        try
        {
            foreach (var precision in precisions)
                policies.Add(VlaPolicy.Open(packageDirectory, engine with { Precision = precision, LoadDrafter = true }));
            var contexts = policies.Select(p => ContextCapture.Capture(p, observation(p))).ToArray();
            var medians = policies.Select(_ => new List<double>[4] { [], [], [], [] }).ToArray();
            for (var round = 0; round < rounds; round++)
                for (var i = 0; i < policies.Count; i++)
                {
                    var decoders = new[] { policies[i].Model.Target, policies[i].Model.Drafter };
                    for (var d = 0; d < 2; d++)
                    {
                        if (decoders[d] is not { } decoder)
                            continue;
                        contexts[i].Prefill(decoder);
                        foreach (var (count, slot) in new[] { (1, 2 * d), (EngineBenchmark.MaxVerify, 2 * d + 1) })
                            medians[i][slot].Add(EngineBenchmark.MeasureForward("", "", decoder, contexts[i].PrefixLength, count, iterations, warmup: 10).MedianUs);
                    }
                }
            return policies.Select((p, i) => new PrecisionCost(precisions[i],
                FileBytes(p, p.Package.Manifest.Decoder.Files[precisions[i]]),
                p.Package.Manifest.Drafter is { } drafter ? FileBytes(p, drafter.Files[precisions[i]]) : 0,
                Median(medians[i][0]), Median(medians[i][1]), Median(medians[i][2]), Median(medians[i][3]))).ToArray();
        }
        finally
        {
            foreach (var policy in policies)
                policy.Dispose();
        }
    }

    private static long FileBytes(VlaPolicy policy, string file) => new FileInfo(policy.Package.PathOf(file)).Length;

    private static double Median(List<double> values) =>
        values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);
}
