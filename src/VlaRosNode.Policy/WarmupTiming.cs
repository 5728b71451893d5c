namespace VlaRosNode.Policy;

/// <summary>How long the warm-up's first and last round took at one precision (ms): the first pays ONNX Runtime's
/// first-run costs, the last is close to a normal step.</summary>
public sealed record WarmupTiming(string Precision, double FirstMs, double LastMs);
