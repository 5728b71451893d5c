namespace VlaRosNode.Quantization.Onnx;

/// <summary>The one error an unreadable or inconsistent ONNX file fails with: names the file and what is wrong
/// (a truncated protobuf, a node input nothing defines, an initializer whose data does not fit its shape...).</summary>
public sealed class OnnxModelException : Exception
{
    public OnnxModelException(string file, string problem, Exception? inner = null)
        : base($"ONNX model '{file}': {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    public string File { get; }
    public string Problem { get; }
}
