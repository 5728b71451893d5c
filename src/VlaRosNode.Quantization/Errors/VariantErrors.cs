namespace VlaRosNode.Quantization.Errors;

/// <summary>One rewritten MatMul's output error against fp32: relative L2 over every recorded sequence.</summary>
public sealed record LayerError(string Node, int K, int N, double RelativeError);

/// <summary>
/// How far one precision variant of a graph is from its fp32 graph on the recorded sequences: per MatMul, on the
/// logits of the action positions (relative L2 and largest absolute difference), and how often the argmax there
/// (the greedy action token) is the fp32 one.
/// </summary>
public sealed record VariantErrors(
    string Graph, string Precision, IReadOnlyList<LayerError> Layers, double LogitRelativeError, double MaxLogitError,
    int ArgmaxAgreed, int ArgmaxTotal);
