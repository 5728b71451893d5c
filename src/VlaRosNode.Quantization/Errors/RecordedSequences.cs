using VlaRosNode.Policy;
using VlaRosNode.Policy.Decoding;

namespace VlaRosNode.Quantization.Errors;

/// <summary>
/// The decoder input of each recorded observation, as the fp32 policy sees it: the prefix ([bos], visual tokens,
/// prompt) followed by the fp32 greedy action tokens but the last, so one pass yields the logits of every action
/// position (the last <see cref="ActionRows"/> rows).
/// </summary>
internal sealed record RecordedSequences(IReadOnlyList<float[]> Embeddings, int ActionRows)
{
    public static RecordedSequences Record(VlaPolicy fp32, IReadOnlyList<Observation> observations)
    {
        if (observations.Count == 0)
            throw new ArgumentException("no observations to measure errors on");
        var sequences = new List<float[]>();
        foreach (var observation in observations)
        {
            var tokens = fp32.Step(observation).Tokens;
            var context = ContextCapture.Capture(fp32, observation);
            var prefix = context.PrefixEmbeddings;
            var actions = context.Embedder.Run(tokens.AsSpan(0, tokens.Length - 1));
            sequences.Add([.. prefix, .. actions]);
        }
        return new RecordedSequences(sequences, fp32.Package.Manifest.Action.Dimensions);
    }
}
