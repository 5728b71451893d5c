namespace VlaRosNode.Quantization.Package;

/// <summary>A written precision variant of a package graph (<c>decoder</c> or <c>drafter</c>).</summary>
public sealed record VariantFile(string Graph, string Precision, string Description, string File, long Bytes,
    IReadOnlyList<QuantizedMatMul> MatMuls);
