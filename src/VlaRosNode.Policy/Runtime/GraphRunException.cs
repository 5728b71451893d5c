using Microsoft.ML.OnnxRuntime;

namespace VlaRosNode.Policy.Runtime;

/// <summary>ONNX Runtime failed while running one of the package's graphs (a graph it loaded, e.g. with an index out of
/// range): names the file, which ONNX Runtime's message (a node name) does not.</summary>
public sealed class GraphRunException(string file, OnnxRuntimeException inner)
    : Exception($"{file}: ONNX Runtime failed to run it: {inner.Message}", inner)
{
    public string File { get; } = file;
}

internal static class GraphRuns
{
    /// <summary><see cref="InferenceSession.RunWithBinding(RunOptions, OrtIoBinding)"/>, failing with a
    /// <see cref="GraphRunException"/> naming <paramref name="file"/>.</summary>
    public static void RunBound(this InferenceSession session, RunOptions options, OrtIoBinding binding, string file)
    {
        try
        {
            session.RunWithBinding(options, binding);
        }
        catch (OnnxRuntimeException e)
        {
            throw new GraphRunException(file, e);
        }
    }
}
